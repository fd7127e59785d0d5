/**
 * Interface endpoints (PrivateLink): one ENI per chosen subnet (one per AZ); the client reaches an
 * endpoint ENI over the VPC's local route, through both subnets' NACLs (none when in the same
 * subnet) and the endpoint's security groups, which must allow the client inbound; the endpoint must
 * be `available`. The path checks themselves are the generic NACL and security-group rules; this
 * module says which endpoint ENIs exist and whether the endpoint can serve. Interface endpoints carry
 * IPv4 TCP only ("Interface endpoints support TCP traffic only", PrivateLink considerations).
 * AWS: https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 */
import type { NetworkInterface, Subnet, VpcEndpoint } from "../../model/types.js";
import { IntervalSet, parseCidr } from "../../net/index.js";
import type { ModelIndex } from "../../model/indexes.js";
import type { PacketClass } from "../packet.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "interface-endpoint",
  docs: {
    description: "Interface endpoint: available, one ENI per subnet/AZ, reached over the local route through NACLs and its own security groups.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/interface-endpoints.html",
  },
  codes: {
    BAD_STATE: "{endpoint} is {state}, not available",
    VPCE_SERVICE_NOT_INSTALLED_IN_AZ: "{endpoint} has no network interface in the snapshot",
    PROTOCOL_RESTRICTION: "interface endpoint {endpoint} carries TCP only, not {protocol}",
  },
} satisfies RuleMeta;

/**
 * Checks that an interface endpoint can serve the packets: it must be available, and they must be TCP.
 *
 * @param endpoint - the endpoint
 * @param cls - the packets' protocol and ports
 */
export function checkInterfaceEndpoint(endpoint: VpcEndpoint, cls: PacketClass): RuleBlock | undefined {
  if (endpoint.state.toLowerCase() !== "available") {
    return {
      code: "BAD_STATE",
      message: fill(meta.codes.BAD_STATE, { endpoint: endpoint.id, state: endpoint.state }),
      rule: { kind: "state", ref: endpoint.id, text: `${endpoint.id} state ${endpoint.state}` },
      fix: `accept or recreate ${endpoint.id} so it is available`,
    };
  }
  if (cls.protocol === "tcp") return undefined;
  const protocol = typeof cls.protocol === "number" ? `protocol ${cls.protocol}` : cls.protocol === "all" ? "all protocols" : cls.protocol;
  return {
    code: "PROTOCOL_RESTRICTION",
    message: fill(meta.codes.PROTOCOL_RESTRICTION, { endpoint: endpoint.id, protocol }),
    rule: { kind: "implicit", ref: endpoint.id, text: `${endpoint.id} accepts tcp only` },
    fix: "use TCP (HTTPS) to reach the service",
  };
}

/**
 * The endpoint's ENIs present in the snapshot.
 *
 * @param endpoint - the endpoint
 * @param index - model lookups
 */
export function endpointInterfaces(endpoint: VpcEndpoint, index: ModelIndex): NetworkInterface[] {
  const out: NetworkInterface[] = [];
  for (const id of endpoint.networkInterfaceIds) {
    const eni = index.model.networkInterfaces.get(id);
    if (eni) out.push(eni);
  }
  return out;
}

/**
 * Whether an interface endpoint's network interfaces are created only at apply (a Terraform plan):
 * subnets chosen, no network interface yet. (A collected available endpoint always lists its ENIs.)
 *
 * @param endpoint - the endpoint
 */
export function interfacesAtApply(endpoint: VpcEndpoint): boolean {
  return endpoint.type === "Interface" && endpoint.networkInterfaceIds.length === 0 && endpoint.subnetIds.length > 0;
}

/**
 * The addresses AWS may give an endpoint's network interface in a subnet: the subnet's CIDR without
 * the first four and the last address, which AWS reserves ("Subnet CIDR blocks", VPC User Guide:
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 *
 * @param subnet - the subnet
 */
export function addressesAtApply(subnet: Subnet): IntervalSet {
  const cidr = parseCidr(subnet.cidr);
  return cidr && cidr.last - cidr.first >= 5 ? IntervalSet.range(cidr.first + 4, cidr.last - 1) : IntervalSet.EMPTY;
}

/**
 * The network interface AWS will create for an endpoint in one of its subnets, standing in for it
 * until apply: the endpoint's subnet and security groups are known, its address is not (any of
 * `addressesAtApply`; the engine answers only what holds for all of them).
 *
 * @param endpoint - an endpoint whose interfaces are created at apply
 * @param subnet - one of its subnets
 */
export function interfaceAtApply(endpoint: VpcEndpoint, subnet: Subnet): NetworkInterface {
  return {
    id: `${endpoint.id}/${subnet.id}`,
    name: undefined,
    tags: {},
    scope: endpoint.scope,
    origin: endpoint.origin,
    vpcId: endpoint.vpcId,
    subnetId: subnet.id,
    availabilityZone: subnet.availabilityZone,
    interfaceType: "vpc_endpoint",
    status: "in-use",
    privateIps: [],
    securityGroupIds: endpoint.securityGroupIds,
    sourceDestCheck: true,
    attachedInstanceId: undefined,
    requesterManaged: true,
    requesterId: undefined,
    description: `network interface of ${endpoint.id} in ${subnet.id}, created at apply (address chosen then, in ${subnet.cidr})`,
  };
}

/**
 * The interface endpoint of a VPC for a service name, preferring an available one.
 *
 * @param index - model lookups
 * @param vpcId - the VPC
 * @param serviceName - e.g. `com.amazonaws.us-east-1.sagemaker.api`
 */
export function interfaceEndpointFor(index: ModelIndex, vpcId: string, serviceName: string): VpcEndpoint | undefined {
  const candidates = index.endpointsOfVpc(vpcId).filter((e) => e.type === "Interface" && e.serviceName === serviceName);
  return candidates.find((e) => e.state.toLowerCase() === "available") ?? candidates[0];
}
