/**
 * Verdicts decided by how a service's name resolves, before any packet moves: a private hosted
 * zone's answer that is not an endpoint of the snapshot (NXDOMAIN, elsewhere, records missing), a
 * Resolver forwarding rule, and the cases where the name may get several answers (routing-policy
 * record sets, an endpoint option the snapshot lacks, an undocumented resolver). Where the answers
 * all lead to the same whole verdict it stands, with a warning; otherwise the verdict is `unknown`,
 * saying what each answer leads to. The walks are the caller's (analyze.ts); the rules that find each
 * case live under rules/ (private-hosted-zone, private-dns, resolver-forwarding, notebook-resolver).
 */
import type { VpcEndpoint } from "../model/types.js";
import type { ZoneAnswer } from "./rules/private-hosted-zone.js";
import type { ForwardedName } from "./rules/resolver-forwarding.js";
import type { ComponentType, Verdict } from "./verdict.js";

/**
 * Why a service's name may get the VPC Resolver's answer or another one taken as the public answer
 * (notebook-resolver, dhcp-dns-servers, private-hosted-zone with enableDnsHostnames off), and how the
 * verdict says so.
 */
export interface NameDoubt {
  /** The rule's sentence. */
  text: string;
  /** Who gives the other answer, as the explanation names it (e.g. "the managed network's"). */
  otherSide: string;
  /** Where the doubt lies: the source (which resolver it asks) or its VPC (its DHCP options, its DNS attributes). */
  component: { id: string; type: ComponentType };
  fix: string;
}

/** What a verdict decided at the name says instead of its walk's path. */
type NameDecision = Pick<Verdict, "explanation" | "blockedAt" | "fix">;

/**
 * `base` decided at the name: only its source hop is kept, with the given verdict and reason.
 * @param base - the walk whose source hop and warnings are kept
 * @param verdict - the verdict the name decides
 * @param decision - the explanation, the blocking component and the fix
 */
function decidedAtName(base: Verdict, verdict: Verdict["verdict"], decision: NameDecision): Verdict {
  return { ...base, verdict, reachableSubset: undefined, path: base.path.slice(0, 1), returnPath: [], ...decision };
}

/**
 * Whether every answer a name may get leads to the same whole verdict, none of them unknown: the
 * doubt between them then leaves the verdict as it is (with a warning).
 * @param verdicts - the verdict through each answer
 */
function sameWholeVerdict(verdicts: readonly Verdict[]): boolean {
  const first = verdicts[0];
  return first !== undefined && first.verdict !== "unknown" && verdicts.every((v) => v.verdict === first.verdict && !v.reachableSubset);
}

/**
 * The verdict when the default name resolves to the endpoint or to the public addresses (the gateway
 * endpoint's path) as an option the snapshot lacks says: the endpoint's verdict, warned, where both
 * give it; else unknown, saying what each leads to.
 * @param endpoint - the S3 interface endpoint whose option is missing
 * @param viaEp - the verdict through the interface endpoint
 * @param viaPublic - the walk to the public addresses
 * @param why - what the snapshot lacks
 */
export function eitherResolution(endpoint: VpcEndpoint, viaEp: Verdict, viaPublic: () => Verdict, why: string): Verdict {
  const pub = viaPublic();
  if (sameWholeVerdict([viaEp, pub])) {
    return { ...viaEp, warnings: [...viaEp.warnings, `${why}; both lead to the same verdict (${viaEp.verdict}), the path shown is the interface endpoint's`] };
  }
  return decidedAtName(viaEp, "unknown", {
    explanation: `${why}. Through the interface endpoint: ${viaEp.verdict} (${viaEp.explanation}); through the public addresses: ${pub.verdict} (${pub.explanation})`,
    blockedAt: { component: endpoint.id, type: "interface-endpoint", code: "MISSING_DATA", direction: "forward", rule: { kind: "attribute", ref: endpoint.id, text: why } },
    fix: `add describe-vpc-endpoints output for ${endpoint.id} from a current AWS CLI (it prints DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint)`,
  });
}

/**
 * The verdict when the service's name resolves through a private hosted zone to something other
 * than an interface endpoint of the snapshot, or not at all (NXDOMAIN), or the zone's records are
 * missing or only partly given (a truncated listing): the public path is not taken.
 * @param base - the walk to the public addresses (its source hop is kept)
 * @param answer - the zone's answer
 */
export function zoneVerdict(base: Verdict, answer: Exclude<ZoneAnswer, { kind: "none" } | { kind: "endpoint" }>): Verdict {
  const unknown = answer.kind !== "nxdomain";
  // No zone when a truncated list-hosted-zones page may have left the deciding one out.
  const zone = answer.zone?.id ?? "route53:list-hosted-zones";
  return decidedAtName(base, unknown ? "unknown" : "unreachable", {
    explanation: `${answer.message}.`,
    blockedAt: { component: zone, type: "hosted-zone", code: unknown ? (answer.kind === "unknown" ? "MISSING_DATA" : "UNKNOWN_DESTINATION") : "NO_POSSIBLE_DESTINATION", direction: "forward", rule: { kind: "dns", ref: zone, text: answer.message } },
    fix: answer.kind === "nxdomain" ? `add an alias record for the name to ${zone} pointing at the interface endpoint's DNS name` : answer.kind === "unknown" ? answer.fix : undefined,
  });
}

/**
 * The verdict for a service's name a Route 53 Resolver forwarding rule sends to other DNS servers (resolver-forwarding).
 * @param base - the walk to the public addresses (its source hop is kept)
 * @param forwarded - the rule and the message naming it
 */
export function forwardedVerdict(base: Verdict, forwarded: ForwardedName): Verdict {
  return {
    ...decidedAtName(base, "unknown", {
      explanation: `${forwarded.message}.`,
      blockedAt: { component: forwarded.ruleId, type: "resolver-rule", code: "UNKNOWN_DESTINATION", direction: "forward", rule: { kind: "dns", ref: forwarded.ruleId, text: forwarded.ruleText } },
      fix: forwarded.fix,
    }),
    requiresEndpointUrl: undefined,
  };
}

/**
 * The verdict when the zone's routing-policy record sets name several endpoints (Route 53 picks one
 * per query): the first endpoint's proof, with a warning, when every endpoint leads to the same
 * whole verdict; otherwise unknown, saying what each leads to.
 * @param answer - the zone's answer with its options
 * @param options - the verdict through each option's endpoint, in the answer's order
 */
export function choiceVerdict(answer: Extract<ZoneAnswer, { kind: "choice" }>, options: readonly { id: string; verdict: Verdict }[]): Verdict {
  const [shown] = options as [{ id: string; verdict: Verdict }];
  const first = shown.verdict;
  if (sameWholeVerdict(options.map((o) => o.verdict))) return { ...first, warnings: [...first.warnings, `${answer.message}; every one leads to the same verdict (${first.verdict}), the path shown is through ${shown.id}`] };
  const each = options.map(({ id, verdict }) => `through ${id}: ${verdict.verdict} (${verdict.explanation})`).join("; ");
  return { ...zoneVerdict(first, answer), explanation: `${answer.message}. ${each}`, fix: `make every record set of the name lead to a reachable endpoint, or keep one simple record` };
}

/**
 * The verdict for a name whose answer is in doubt between the VPC's Resolver and another answer
 * taken as the public one (a direct-internet notebook's undocumented resolver, DNS servers of the
 * VPC's own, a zone with enableDnsHostnames off): `unknown`, with what each answer leads to, unless
 * both lead to the same whole verdict (then the VPC resolver's proof, with a warning). An answer
 * already unknown keeps its reason.
 * @param viaVpc - the verdict through the VPC's resolver
 * @param viaPublic - the walk to the public addresses (made only when needed)
 * @param doubt - why the answer is in doubt, where, and what to do
 */
export function resolverUnknown(viaVpc: Verdict, viaPublic: () => Verdict, doubt: NameDoubt): Verdict {
  if (viaVpc.verdict === "unknown") return { ...viaVpc, warnings: [...viaVpc.warnings, doubt.text] };
  const pub = viaPublic();
  if (sameWholeVerdict([viaVpc, pub])) {
    return { ...viaVpc, warnings: [...viaVpc.warnings, `${doubt.text}; both lead to the same verdict (${pub.verdict}), the path shown is the VPC resolver's`] };
  }
  const { id, type } = doubt.component;
  return {
    ...decidedAtName(viaVpc, "unknown", {
      explanation: `${doubt.text}. Through the VPC's resolver: ${viaVpc.verdict} (${viaVpc.explanation}); through ${doubt.otherSide}: ${pub.verdict} (${pub.explanation})`,
      blockedAt: { component: id, type, code: "UNKNOWN_DESTINATION", direction: "forward", rule: { kind: "attribute", ref: id, text: doubt.text } },
      fix: doubt.fix,
    }),
    requiresEndpointUrl: undefined,
  };
}
