/**
 * NAT gateways: must be `available`; forward only traffic from ENIs of their own VPC; handle TCP, UDP
 * and ICMP only; translate the source to their private IP and a port in 1024–65535 (then the IGW
 * maps that private IP to the NAT's EIP); do not serve their own subnet. A private NAT gateway has
 * no public IP, so an internet gateway drops what it forwards. Its own subnet's route table and NACL
 * (both ways) apply to what it forwards. Regional NAT gateways depend on per-AZ registration that no
 * describe call in the snapshot shows, so the engine says unknown.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
 */
import type { NatGateway } from "../../model/types.js";
import { IntervalSet, type PacketProtocol } from "../../net/index.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "nat-gateway",
  docs: {
    description: "NAT gateway forwarding: state, same-VPC sources (traffic arriving from a transit gateway attachment of that VPC counts: centralized egress; VPC peering does not), TCP/UDP/ICMP only, source translation, not for its own subnet.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html",
  },
  codes: {
    BAD_STATE: "{nat} is {state}, not available",
    NGW_REQUIRES_SOURCE_IN_VPC: "{nat} only forwards traffic from ENIs in {vpc}",
    PROTOCOL_RESTRICTION: "{nat} only forwards TCP, UDP and ICMP, not {protocol}",
    NO_POSSIBLE_DESTINATION: "{nat} does not serve its own subnet {subnet}: traffic from it is not forwarded",
    REGIONAL_NGW_ROUTE_AZ_RESTRICTION: "{nat} is a regional NAT gateway; whether it is registered in {az} is not in the snapshot",
  },
} satisfies RuleMeta;

/**
 * Checks whether a NAT gateway forwards traffic from a source.
 *
 * @param nat - the NAT gateway
 * @param sourceVpcId - the VPC the traffic is routed in: the sending ENI's, or the VPC a transit
 *   gateway delivered it to (centralized egress; a peering connection never hands traffic to a route table)
 * @param sourceSubnetId - the subnet of the sending ENI
 * @param sourceAz - the source's Availability Zone (for regional NAT gateways)
 * @param protocol - the packets' protocol
 */
export function checkNatGateway(
  nat: NatGateway,
  sourceVpcId: string,
  sourceSubnetId: string,
  sourceAz: string | undefined,
  protocol: PacketProtocol,
): RuleBlock | undefined {
  const ref = { kind: "state" as const, ref: nat.id };
  if (nat.state !== "available") {
    return {
      code: "BAD_STATE",
      message: fill(meta.codes.BAD_STATE, { nat: nat.id, state: nat.state }),
      rule: { ...ref, text: `${nat.id} state ${nat.state}` },
      fix: `replace ${nat.id} with an available NAT gateway and point the route at it`,
    };
  }
  if (nat.vpcId !== sourceVpcId) {
    return {
      code: "NGW_REQUIRES_SOURCE_IN_VPC",
      message: fill(meta.codes.NGW_REQUIRES_SOURCE_IN_VPC, { nat: nat.id, vpc: nat.vpcId }),
      rule: { ...ref, text: `${nat.id} is in ${nat.vpcId}, the source in ${sourceVpcId}` },
      fix: `create a NAT gateway in ${sourceVpcId}`,
    };
  }
  if (protocol !== "tcp" && protocol !== "udp" && protocol !== "icmp") {
    return {
      code: "PROTOCOL_RESTRICTION",
      message: fill(meta.codes.PROTOCOL_RESTRICTION, { nat: nat.id, protocol: typeof protocol === "number" ? `protocol ${protocol}` : "all protocols" }),
      rule: { kind: "implicit", ref: nat.id, text: `${nat.id} forwards tcp, udp and icmp only` },
      fix: "use TCP, UDP or ICMP, or give the source a public IP behind an internet gateway",
    };
  }
  if (nat.subnetId === sourceSubnetId) {
    return {
      code: "NO_POSSIBLE_DESTINATION",
      message: fill(meta.codes.NO_POSSIBLE_DESTINATION, { nat: nat.id, subnet: sourceSubnetId }),
      rule: { kind: "implicit", ref: nat.id, text: `${nat.id} sits in ${sourceSubnetId}, the source's own subnet` },
      fix: `move the workload to a private subnet whose route table sends 0.0.0.0/0 to ${nat.id}`,
    };
  }
  if (nat.availabilityMode === "regional") {
    return {
      code: "REGIONAL_NGW_ROUTE_AZ_RESTRICTION",
      message: fill(meta.codes.REGIONAL_NGW_ROUTE_AZ_RESTRICTION, { nat: nat.id, az: sourceAz ?? "the source's Availability Zone" }),
      rule: { kind: "state", ref: nat.id, text: `${nat.id} availability mode regional` },
      unknown: true,
    };
  }
  return undefined;
}

/**
 * The NAT gateway's primary address pair (private IP, and the EIP for a public NAT gateway; one a
 * Terraform plan allocates is named in parentheses, `(public_ip of aws_eip.nat[0], allocated at apply)`).
 *
 * @param nat - the NAT gateway
 */
export function natAddress(nat: NatGateway): { privateIp: string | undefined; publicIp: string | undefined; eniId: string | undefined } {
  const first = nat.addresses[0];
  return {
    privateIp: first?.privateIp,
    // An Elastic IP allocated at apply is some public address: named by what decides it (see publicSetOf).
    publicIp: nat.connectivityType === "public" ? (first?.publicIp ?? (first?.publicIpAtApply ? `(${first.publicIpAtApply})` : undefined)) : undefined,
    eniId: first?.networkInterfaceId,
  };
}

/**
 * The block when the NAT gateway is itself the destination: it accepts no connections.
 *
 * @param natId - the NAT gateway
 */
export function natAsDestinationBlock(natId: string): RuleBlock {
  return {
    code: "NO_POSSIBLE_DESTINATION",
    message: `${natId} accepts no connections addressed to itself; it only forwards traffic routed to it`,
    rule: { kind: "implicit", ref: natId, text: `${natId} is not a destination` },
    fix: "address the real destination and route it through the NAT gateway",
  };
}

/**
 * The addresses a public IP stands for: itself, or — for an Elastic IP allocated at apply (named in
 * parentheses by `natAddress`) — undefined: some public address, which one only apply tells.
 *
 * @param publicIp - the public IP of a trace
 */
export function publicSetOf(publicIp: string): IntervalSet | undefined {
  return publicIp.startsWith("(") ? undefined : IntervalSet.ofCidr(publicIp);
}
