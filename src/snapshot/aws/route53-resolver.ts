/**
 * Route 53 Resolver rules, per account and Region: list-resolver-rules (`ResolverRules`) and
 * list-resolver-rule-associations (`ResolverRuleAssociations`), joined once every file is read
 * (`resolverRules`). An association counts while it is in effect or being made or changed
 * (`COMPLETE`, `CREATING`, `UPDATING`, `DELETING`); a `FAILED` one, or one `OVERRIDDEN` by another
 * rule of the same domain, does not.
 * Models https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ResolverRule.html
 * and https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ResolverRuleAssociation.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import type { ResolverRule } from "../../model/types.js";
import { dnsName } from "./route53-hosted-zone.js";

const IN_EFFECT = new Set(["COMPLETE", "CREATING", "UPDATING", "DELETING"]);

/**
 * Reads one list-resolver-rules output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readResolverRules(doc: JsonObject, ctx: DocContext): void {
  for (const item of doc.objects("ResolverRules", true)) {
    const record = item.withId(item.str("Id"));
    const targets = record.objects("TargetIps").map((t) => `${t.optStr("Ip") ?? t.optStr("Ipv6") ?? "?"}:${t.optInt("Port") ?? 53}`);
    ctx.builder.parts.resolverRules.set(record.str("Id"), { id: record.str("Id"), domainName: dnsName(record.str("DomainName")), ruleType: record.str("RuleType"), targets });
  }
}

/**
 * Reads one list-resolver-rule-associations output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readResolverRuleAssociations(doc: JsonObject, ctx: DocContext): void {
  for (const item of doc.objects("ResolverRuleAssociations", true)) {
    if (!IN_EFFECT.has(item.optStr("Status") ?? "COMPLETE")) continue;
    const ruleId = item.str("ResolverRuleId");
    const vpcs = ctx.builder.parts.resolverRuleVpcs.get(ruleId) ?? [];
    vpcs.push(item.str("VPCId"));
    ctx.builder.parts.resolverRuleVpcs.set(ruleId, vpcs);
  }
}

/**
 * The rules read, each with the VPCs associated with it (a rule without a given association has none).
 *
 * @param parts - the builder's rules and associations
 */
export function joinResolverRules(parts: { resolverRules: ReadonlyMap<string, Omit<ResolverRule, "vpcIds">>; resolverRuleVpcs: ReadonlyMap<string, string[]> }): ResolverRule[] {
  return [...parts.resolverRules.values()].map((rule) => ({ ...rule, vpcIds: parts.resolverRuleVpcs.get(rule.id) ?? [] }));
}
