/**
 * The DNS servers a VPC's DHCP options set gives its instances (`domain-name-servers`). Private
 * hosted zones and interface endpoints' private DNS are answered only by the Amazon-provided DNS
 * server of the VPC ("DNS queries for private hosted zones can be resolved only by the
 * Amazon-provided VPC DNS server", AWS knowledge center; DHCP option sets: `AmazonProvidedDNS` or
 * up to four servers of your own). With servers of its own, a client gets the VPC resolver's answer
 * for a service's name only if those servers forward it there; otherwise theirs, which no snapshot
 * holds (taken here as the public answer). So where the VPC's resolver answers otherwise than the
 * public addresses (an endpoint, NXDOMAIN) and the two answers lead to different verdicts, the
 * verdict is `unknown`, naming the servers. The set not in the snapshot (no describe-dhcp-options
 * output: a folder without it, or a snapshot collected before `vpcreach collect` gathered it) leaves
 * the answer standing, silently: most sets are AmazonProvidedDNS, and a warning on every such answer
 * of every such snapshot would say nothing the user can act on. A collection whose
 * DescribeDhcpOptions call failed in the VPC's account and Region is another matter: the set was
 * asked for and is not known, so the answer is unknown as for servers of its own, naming the call.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSet.html and
 * https://repost.aws/knowledge-center/vpc-enable-private-hosted-zone
 */
import type { CollectError, Vpc } from "../../model/types.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "dhcp-dns-servers",
  docs: {
    description: "A VPC whose DHCP options give its instances DNS servers of their own: the Route 53 Resolver's answer for a service's name (private zones, private DNS) is undecided where it differs from the public one.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSet.html",
  },
  codes: {
    UNKNOWN_DESTINATION:
      "the DHCP options {dhcp} of {vpc} give its instances the DNS servers {servers}: {name} gets the answer of the Route 53 Resolver of {vpc} ({vpcAnswer}) only if they forward it there, else theirs (the service's public addresses, as vpcreach takes it)",
    MISSING_DATA:
      "the DHCP options {dhcp} of {vpc} were not collected (DescribeDhcpOptions failed: {code}): if they give its instances DNS servers of their own, {name} gets the answer of the Route 53 Resolver of {vpc} ({vpcAnswer}) only if they forward it there, else theirs (the service's public addresses, as vpcreach takes it)",
  },
} satisfies RuleMeta;

const AMAZON_DNS = "amazonprovideddns";

/**
 * Why a service's name is undecided in a VPC whose DHCP options name DNS servers of their own, or
 * whose set could not be collected, or undefined when its instances ask the Amazon-provided DNS
 * server only, the set is not known (and no failed call says why), or the VPC's resolver answers
 * publicly anyway.
 *
 * @param vpc - the asking VPC
 * @param name - the service's default DNS name
 * @param vpcResolverAnswer - what the VPC's resolver answers when not the public addresses (undefined: public)
 * @param collectErrors - the snapshot's failed collect calls (a failed DescribeDhcpOptions of the VPC's scope)
 */
export function customDnsServers(vpc: Vpc, name: string, vpcResolverAnswer: () => string | undefined, collectErrors: readonly CollectError[] = []): string | undefined {
  const servers = vpc.dnsServers;
  if (servers === undefined) return notCollected(vpc, name, vpcResolverAnswer, collectErrors);
  if (servers.length > 0 && servers.every((s) => s.toLowerCase() === AMAZON_DNS)) return undefined;
  const vpcAnswer = vpcResolverAnswer();
  if (vpcAnswer === undefined) return undefined;
  return fill(meta.codes.UNKNOWN_DESTINATION, { dhcp: vpc.dhcpOptionsId ?? "(unnamed)", vpc: vpc.id, servers: servers.join(", ") || "(none)", name, vpcAnswer });
}

/** Why the name is undecided when the VPC's set is not known because collecting it failed in the VPC's account and Region. */
function notCollected(vpc: Vpc, name: string, vpcResolverAnswer: () => string | undefined, collectErrors: readonly CollectError[]): string | undefined {
  // `default`: the VPC has no set, so there is nothing to collect.
  if (vpc.dhcpOptionsId === undefined || vpc.dhcpOptionsId === "default") return undefined;
  const inScope = (e: CollectError) => e.region === vpc.scope.region && (e.account === undefined || vpc.scope.account === undefined || e.account === vpc.scope.account);
  const failed = collectErrors.find((e) => e.operation === "DescribeDhcpOptions" && inScope(e));
  const vpcAnswer = failed && vpcResolverAnswer();
  if (!failed || vpcAnswer === undefined) return undefined;
  return fill(meta.codes.MISSING_DATA, { dhcp: vpc.dhcpOptionsId, vpc: vpc.id, code: failed.code, name, vpcAnswer });
}
