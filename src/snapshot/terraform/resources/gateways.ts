/**
 * Gateways and addresses: `aws_internet_gateway` (and `_attachment`), `aws_egress_only_internet_gateway`,
 * `aws_nat_gateway`, `aws_eip`, `aws_vpc_peering_connection` → their describe-* outputs.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/internet_gateway,
 * …/internet_gateway_attachment, …/egress_only_internet_gateway, …/nat_gateway, …/eip and
 * …/vpc_peering_connection
 */
import type { TfInstance } from "../plan.js";
import { str, tagsOf, type Translation } from "../translate.js";

function readInternetGateway(t: Translation, igw: TfInstance): void {
  const vpcId = t.ref(igw, "vpc_id");
  t.add("InternetGateways", { InternetGatewayId: t.idOf(igw), Attachments: vpcId ? [{ VpcId: vpcId, State: "available" }] : [], Tags: tagsOf(igw) });
}

function readInternetGatewayAttachment(t: Translation, attachment: TfInstance): void {
  const igwId = t.ref(attachment, "internet_gateway_id");
  const vpcId = t.ref(attachment, "vpc_id");
  if (!igwId || !vpcId) return t.omit(attachment, igwId ? "vpc_id" : "internet_gateway_id");
  const igw = t.records("InternetGateways").find((record) => record.InternetGatewayId === igwId);
  if (!igw) return t.outside(attachment, igwId, `attaches ${igwId}, which is not in the plan`);
  (igw.Attachments as unknown[]).push({ VpcId: vpcId, State: "available" });
}

function readEgressOnlyGateway(t: Translation, eigw: TfInstance): void {
  const vpcId = t.ref(eigw, "vpc_id");
  if (!vpcId) return t.omit(eigw, "vpc_id");
  t.add("EgressOnlyInternetGateways", { EgressOnlyInternetGatewayId: t.idOf(eigw), Attachments: [{ VpcId: vpcId, State: "attached" }], Tags: tagsOf(eigw) });
}

function readElasticIp(t: Translation, eip: TfInstance): void {
  const publicIp = str(eip, "public_ip");
  // AWS picks the address at apply; a NAT gateway using it is still modelled, its public IP unnamed.
  if (!publicIp) return;
  t.add("Addresses", {
    AllocationId: t.idOf(eip),
    Domain: "vpc",
    PublicIp: publicIp,
    ...(t.ref(eip, "instance") ? { InstanceId: t.ref(eip, "instance") } : {}),
    ...(t.ref(eip, "network_interface") ? { NetworkInterfaceId: t.ref(eip, "network_interface") } : {}),
    Tags: tagsOf(eip),
  });
}

/** Why a public NAT gateway's Elastic IP address is not in the plan. */
function unknownPublicIp(t: Translation, allocationId: string | undefined): string {
  const eip = allocationId ? t.instances.find((i) => i.type === "aws_eip" && t.idOf(i) === allocationId) : undefined;
  if (eip) return `public_ip of ${eip.address}, allocated at apply`;
  if (allocationId) return `the public IP of ${allocationId}, which the plan does not hold`;
  return "the public IP of its Elastic IP, whose allocation_id the plan does not show";
}

function readNatGateway(t: Translation, nat: TfInstance): void {
  const subnetId = t.ref(nat, "subnet_id");
  if (!subnetId) return t.omit(nat, "subnet_id");
  const subnet = t.records("Subnets").find((record) => record.SubnetId === subnetId);
  if (!subnet) return t.warn(nat, `is in subnet ${subnetId}, which is not in the plan; left out`);
  const connectivity = str(nat, "connectivity_type") ?? "public";
  const allocationId = t.ref(nat, "allocation_id");
  const eip = allocationId ? t.records("Addresses").find((record) => record.AllocationId === allocationId) : undefined;
  // A public NAT gateway translates to its Elastic IP (AWS requires one to create it). One whose
  // address the plan does not show (allocated at apply, or named through a local value as in
  // terraform-aws-modules/vpc) is some public address, which is all the internet gateway needs; the
  // answers that need the address itself are unknown (PublicIpAtApply says why).
  const atApply = connectivity === "public" && !eip ? unknownPublicIp(t, allocationId) : undefined;
  t.add("NatGateways", {
    NatGatewayId: t.idOf(nat),
    SubnetId: subnetId,
    VpcId: subnet.VpcId,
    State: "available",
    ConnectivityType: connectivity,
    NatGatewayAddresses: [
      {
        ...(allocationId ? { AllocationId: allocationId } : {}),
        ...(str(nat, "network_interface_id") ? { NetworkInterfaceId: str(nat, "network_interface_id") } : {}),
        ...(eip?.PublicIp ? { PublicIp: eip.PublicIp } : {}),
        ...(atApply ? { PublicIpAtApply: atApply } : {}),
        ...(str(nat, "private_ip") ? { PrivateIp: str(nat, "private_ip") } : {}),
      },
    ],
    Tags: tagsOf(nat),
  });
}

function readPeering(t: Translation, pcx: TfInstance): void {
  const requester = t.ref(pcx, "vpc_id");
  const accepter = t.ref(pcx, "peer_vpc_id");
  if (!requester || !accepter) return t.omit(pcx, requester ? "peer_vpc_id" : "vpc_id");
  const cidrOf = (vpcId: string) => t.records("Vpcs").find((record) => record.VpcId === vpcId)?.CidrBlockAssociationSet;
  t.add("VpcPeeringConnections", {
    VpcPeeringConnectionId: t.idOf(pcx),
    RequesterVpcInfo: { VpcId: requester, CidrBlockSet: cidrOf(requester) ?? [] },
    AccepterVpcInfo: { VpcId: accepter, CidrBlockSet: cidrOf(accepter) ?? [] },
    // auto_accept (same account and Region) makes it active; otherwise it waits for the accepter.
    Status: { Code: pcx.values.auto_accept === true ? "active" : "pending-acceptance" },
    Tags: tagsOf(pcx),
  });
}

export const GATEWAY_TRANSLATORS = {
  aws_internet_gateway: readInternetGateway,
  aws_egress_only_internet_gateway: readEgressOnlyGateway,
  aws_eip: readElasticIp,
} as const;

/** These need the subnets, VPCs and addresses translated first. */
export const GATEWAY_PART_TRANSLATORS = {
  aws_internet_gateway_attachment: readInternetGatewayAttachment,
  aws_nat_gateway: readNatGateway,
  aws_vpc_peering_connection: readPeering,
} as const;
