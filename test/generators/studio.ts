/**
 * The opt-in "studio" feature set of the generator: SageMaker Studio domains (describe-domain) with
 * `AppNetworkAccessType` `PublicInternetOnly` or `VpcOnly`, one subnet of a VPC and some of its
 * security groups, asked about as `domain/NAME`. Their apps' network interfaces are in no snapshot, so
 * the app's address is any free one of the subnet. A domain is in its VPC's account and Region. Each domain is asked (`studioQueries`) for every
 * private address of its VPC by HTTPS and by NFS (TCP 2049, the EFS traffic AWS documents through
 * the domain's VPC) and for an internet address.
 */
import fc from "fast-check";
import type { Model, StudioDomain, Subnet } from "../../src/model/types.js";
import type { ResolvedQuery } from "./packets.js";

export interface StudioSpec {
  vpc: number;
  subnet: number;
  /** The domain's default user groups, as indices among the VPC's groups. */
  sgs: number[];
  publicInternet: boolean;
}

/** One or two domains per network. */
export const studioArb: fc.Arbitrary<StudioSpec[]> = fc.array(
  fc.record({ vpc: fc.nat({ max: 2 }), subnet: fc.nat({ max: 3 }), sgs: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 2 }), publicInternet: fc.constantFrom(true, true, false) }),
  { minLength: 1, maxLength: 2 },
);

/**
 * Adds the domains a spec describes to the assembled model.
 *
 * @param specs - the domains (absent: none)
 * @param subnetsOf - the subnets of each VPC, by position
 * @param groupsOf - the security groups of each VPC, by position
 * @param model - the assembled model
 */
export function addStudioDomains(specs: StudioSpec[] | undefined, subnetsOf: Subnet[][], groupsOf: string[][], model: Model): void {
  if (!specs) return;
  const domains = new Map<string, StudioDomain>();
  specs.forEach((d, k) => {
    const v = d.vpc % subnetsOf.length;
    const subnet = subnetsOf[v]![d.subnet % subnetsOf[v]!.length]!;
    const groups = [...new Set(d.sgs.map((g) => groupsOf[v]![g % groupsOf[v]!.length]!))];
    const domain: StudioDomain = {
      id: `d-gen${k}`, scope: subnet.scope, name: undefined, tags: {}, origin: { file: "generated", jsonPath: "$" },
      domainName: `studio-${k}`, appNetworkAccessType: d.publicInternet ? "PublicInternetOnly" : "VpcOnly",
      vpcId: subnet.vpcId, subnetIds: [subnet.id], securityGroupIds: groups, spaceSecurityGroupIds: [],
    };
    domains.set(domain.id, domain);
  });
  model.domains = domains;
}

/**
 * Questions from every domain: each private address of its VPC by HTTPS and NFS, and an internet
 * address by HTTPS.
 *
 * @param model - the generated network
 */
export function studioQueries(model: Model): ResolvedQuery[] {
  return [...model.domains.values()].flatMap((d) => {
    const inVpc = [...model.networkInterfaces.values()].filter((e) => e.vpcId === d.vpcId).flatMap((e) => e.privateIps.map((a) => a.privateIp));
    const from = `domain/${d.domainName}`;
    const ask = (dstIp: string, port: number): ResolvedQuery => ({ from, dstIp, protocol: "tcp", port, clientPort: 40000, natPort: 2000 });
    return [...inVpc.flatMap((ip) => [ask(ip, 443), ask(ip, 2049)]), ask("8.8.8.8", 443)];
  });
}
