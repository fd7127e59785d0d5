/**
 * Route 53 Resolver rules associated with a VPC: a query for a name in a rule's domain is handled by
 * the most specific matching rule ("How Resolver determines whether the domain name in a query
 * matches any rules"); a `FORWARD` rule sends it to DNS servers of your own (TargetIps), whose answer
 * no snapshot holds, while a `SYSTEM` rule lets the Resolver answer (private zones, private DNS,
 * public). Against a private hosted zone: the most specific domain decides (the knowledge-center page
 * "How can I use and override reverse DNS rules with Route 53 Resolver" ranks, at one domain,
 * Resolver rules before the rules of private hosted zones), so a zone more specific than the
 * forwarding rule answers (an interface endpoint's private DNS is such a zone, named as the
 * service's name); at the same domain "the Resolver rule takes precedence over the private hosted
 * zone. DNS queries are forwarded to your network instead of being resolved based on the records in
 * the private hosted zone" ("Considerations when working with a private hosted zone", Private hosted
 * zones and Route 53 Resolver rules); where the rule is as specific or more, the name's answer is
 * `unknown`, naming the rule and its targets.
 * AWS: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-domain-name-matches.html
 * and https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html#hosted-zone-private-considerations-resolver-rules
 */
import type { Model, ResolverRule } from "../../model/types.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "resolver-forwarding",
  docs: {
    description: "A Route 53 Resolver forwarding rule associated with the source's VPC sends a service's name to other DNS servers: its answer is unknown.",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-domain-name-matches.html",
  },
  codes: {
    UNKNOWN_DESTINATION: "{name} matches Route 53 Resolver rule {rule} ({domain}, FORWARD to {targets}) associated with {vpc}: the query goes to those DNS servers, whose answer is not in the snapshot",
  },
} satisfies RuleMeta;

/** True when `name` is `domain` or a name inside it (the root, `.` read as empty, holds every name). */
function inDomain(name: string, domain: string): boolean {
  return domain === "" || name === domain || name.endsWith(`.${domain}`);
}

/** A name a Resolver forwarding rule sends away: the rule, why, the rule as configured, what to do. */
export interface ForwardedName {
  ruleId: string;
  message: string;
  /** The rule as configured (domain, targets, VPC): the evidence of the stop. */
  ruleText: string;
  fix: string;
}

/**
 * Why a name is forwarded away from the Resolver in a VPC, or undefined when no forwarding rule of
 * the VPC is the most specific match, or a private zone closer to the name answers.
 *
 * @param model - the model (its Resolver rules)
 * @param vpcId - the asking VPC
 * @param name - the name
 * @param closestZone - the most specific private zone of the VPC covering the name (an endpoint's private DNS: the name itself), if any
 */
export function forwardedName(model: Model, vpcId: string, name: string, closestZone: string | undefined): ForwardedName | undefined {
  let best: ResolverRule | undefined;
  for (const rule of model.resolverRules ?? []) {
    if (!rule.vpcIds.includes(vpcId) || !inDomain(name, rule.domainName)) continue;
    if (!best || rule.domainName.length > best.domainName.length) best = rule;
  }
  if (!best || best.ruleType !== "FORWARD") return undefined;
  if (closestZone !== undefined && closestZone.length > best.domainName.length) return undefined;
  const targets = best.targets.join(", ") || "(none given)";
  return {
    ruleId: best.id,
    message: fill(meta.codes.UNKNOWN_DESTINATION, { name, rule: best.id, domain: best.domainName, targets, vpc: vpcId }),
    ruleText: `${best.id}: FORWARD ${best.domainName || "."} to ${targets}, associated with ${vpcId}`,
    // A more specific SYSTEM rule wins over the forwarding rule ("most specific match"), so the Resolver answers the name again.
    fix: `ask ${targets} what they answer for ${name} (nslookup ${name} from the source; vpcreach cannot read their answer), or add a SYSTEM Resolver rule for ${name} associated with ${vpcId} so that the Resolver answers it`,
  };
}
