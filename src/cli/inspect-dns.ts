/**
 * A VPC's DNS facts as `vpcreach inspect` shows them: its DNS attributes, the DHCP options set and the
 * DNS servers it gives, and the Route 53 Resolver rules associated with it. Missing data is null,
 * never a guess.
 */
import type { ResolverRule, Vpc } from "../model/types.js";

/** A Route 53 Resolver rule associated with a VPC (list-resolver-rules, list-resolver-rule-associations). */
export interface ResolverRuleSummary {
  id: string;
  /** Lower case, without the trailing dot; `""` is the root (every name). */
  domainName: string;
  /** `FORWARD`, `SYSTEM` or `RECURSIVE`. */
  ruleType: string;
  /** A FORWARD rule's DNS servers, as `IP:port`. */
  targets: string[];
}

/** What decides how a VPC's instances resolve names. */
export interface VpcDnsSummary {
  /** `enableDnsSupport`; null without describe-vpc-attribute output. */
  support: boolean | null;
  /** `enableDnsHostnames`; null without describe-vpc-attribute output. */
  hostnames: boolean | null;
  /** The DHCP options set (describe-vpcs `DhcpOptionsId`; `default`: none); null when not given. */
  dhcpOptionsId: string | null;
  /** That set's `domain-name-servers` (describe-dhcp-options); null when the set is not in the snapshot. */
  dnsServers: string[] | null;
  /**
   * The Route 53 Resolver rules associated with the VPC; null when the snapshot holds no Resolver
   * rule at all (there may be none, or list-resolver-rules was not given: vpcreach cannot tell).
   */
  resolverRules: ResolverRuleSummary[] | null;
}

/**
 * Each VPC's associated Resolver rules, in the snapshot's order.
 *
 * @param rules - the snapshot's Resolver rules, each with the VPCs it is associated with
 */
export function rulesByVpc(rules: readonly ResolverRule[]): Map<string, ResolverRule[]> {
  const byVpc = new Map<string, ResolverRule[]>();
  for (const rule of rules) {
    for (const vpcId of rule.vpcIds) {
      const list = byVpc.get(vpcId);
      if (list) list.push(rule);
      else byVpc.set(vpcId, [rule]);
    }
  }
  return byVpc;
}

/**
 * The VPC's DNS facts: attributes, DHCP options set and its servers, associated Resolver rules.
 *
 * @param vpc - the VPC
 * @param rulesOfVpcs - Resolver rules by associated VPC (`rulesByVpc`); undefined when the snapshot holds none
 */
export function dnsSummary(vpc: Vpc, rulesOfVpcs: ReadonlyMap<string, readonly ResolverRule[]> | undefined): VpcDnsSummary {
  const rules = rulesOfVpcs && (rulesOfVpcs.get(vpc.id) ?? []);
  return {
    support: vpc.enableDnsSupport ?? null,
    hostnames: vpc.enableDnsHostnames ?? null,
    dhcpOptionsId: vpc.dhcpOptionsId ?? null,
    dnsServers: vpc.dnsServers ?? null,
    resolverRules: rules ? rules.map((r) => ({ id: r.id, domainName: r.domainName, ruleType: r.ruleType, targets: r.targets })) : null,
  };
}
