/**
 * An independent consistency check of a describe-* folder, used by the fixture and synth tests: every
 * file parses, every id a resource refers to exists (except those the caller expects to dangle), every
 * VPC has its main route table, default NACL and default security group, every subnet sits in its
 * VPC's CIDR and has exactly one NACL association, and every ENI address is inside its subnet and
 * unique in its VPC, and every subnet and group a SageMaker workload names (VpcConfig, a domain's
 * subnets and groups, a user profile's groups) exists. It reads raw JSON, not the project's loader, so it checks the data, not the code.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ipToNumber, parseCidr } from "./prng.js";

type Doc = Record<string, unknown>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw AWS JSON

/** The name fields of single-object SageMaker describe outputs besides notebooks (domains, spaces, jobs, …). */
const SAGEMAKER_DESCRIBE_KEYS = ["TrainingJobName", "ProcessingJobName", "HyperParameterTuningJobName", "ModelName", "EndpointName", "EndpointConfigName", "UserProfileName", "SpaceName", "DomainId"];

/** Every `*.json` file below `folder`, any depth, sorted. */
export async function jsonFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(path)));
    else if (entry.name.endsWith(".json")) out.push(path);
  }
  return out.sort();
}

function inCidr(ip: string, cidr: string): boolean {
  const { base, prefix } = parseCidr(cidr);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((ipToNumber(ip) & mask) >>> 0) === ((base & mask) >>> 0);
}

export interface CheckResult {
  problems: string[];
  counts: Record<string, number>;
}

/**
 * Checks one folder (all Regions in it together).
 *
 * @param folder - a fixture or synthetic estate
 * @param allowDangling - ids that may be referenced without existing (e.g. a deleted NAT gateway)
 */
export async function checkFolder(folder: string, allowDangling: ReadonlySet<string> = new Set()): Promise<CheckResult> {
  const problems: string[] = [];
  const lists: Record<string, Obj[]> = {};
  const notebooks: Obj[] = [];
  const attributes: Obj[] = [];
  const workloads: Obj[] = [];
  for (const file of await jsonFiles(folder)) {
    let doc: Doc;
    try {
      doc = JSON.parse(await readFile(file, "utf8")) as Doc;
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    if ("NotebookInstanceName" in doc) notebooks.push(doc);
    else if (SAGEMAKER_DESCRIBE_KEYS.some((key) => key in doc)) workloads.push(doc);
    else if ("VpcId" in doc && ("EnableDnsSupport" in doc || "EnableDnsHostnames" in doc)) attributes.push(doc);
    // Lists only: paging flags and single objects (get-hosted-zone's `HostedZone`) hold no resources to cross-check.
    else for (const [key, value] of Object.entries(doc)) if (Array.isArray(value)) (lists[key] ??= []).push(...(value as Obj[]));
  }
  const all = (key: string): Obj[] => lists[key] ?? [];
  const ids = new Set<string>();
  const idOf: [string, string][] = [
    ["Vpcs", "VpcId"], ["Subnets", "SubnetId"], ["RouteTables", "RouteTableId"], ["InternetGateways", "InternetGatewayId"],
    ["NatGateways", "NatGatewayId"], ["VpcEndpoints", "VpcEndpointId"], ["SecurityGroups", "GroupId"],
    ["NetworkAcls", "NetworkAclId"], ["NetworkInterfaces", "NetworkInterfaceId"], ["PrefixLists", "PrefixListId"],
    ["TransitGateways", "TransitGatewayId"], ["TransitGatewayRouteTables", "TransitGatewayRouteTableId"], ["TransitGatewayAttachments", "TransitGatewayAttachmentId"],
  ];
  for (const [key, field] of idOf) {
    for (const item of all(key)) {
      // AWS-managed prefix lists have the same id in every account of a Region.
      if (ids.has(item[field]) && key !== "PrefixLists") problems.push(`duplicate id ${item[field]}`);
      ids.add(item[field]);
    }
  }
  const instances = all("Reservations").flatMap((r) => r.Instances as Obj[]);
  for (const instance of instances) ids.add(instance.InstanceId);
  const ref = (from: string, id: string | undefined): void => {
    if (id !== undefined && id !== "local" && !ids.has(id) && !allowDangling.has(id)) problems.push(`${from} refers to missing ${id}`);
  };
  const vpcCidr = new Map(all("Vpcs").map((v) => [v.VpcId as string, v.CidrBlock as string]));
  const subnetCidr = new Map(all("Subnets").map((s) => [s.SubnetId as string, s.CidrBlock as string]));
  for (const s of all("Subnets")) {
    ref(s.SubnetId, s.VpcId);
    const cidr = vpcCidr.get(s.VpcId);
    if (cidr && !inCidr(s.CidrBlock.split("/")[0], cidr)) problems.push(`${s.SubnetId} ${s.CidrBlock} outside ${cidr}`);
  }
  for (const t of all("RouteTables")) {
    ref(t.RouteTableId, t.VpcId);
    for (const a of t.Associations) ref(t.RouteTableId, a.SubnetId);
    for (const r of t.Routes) {
      for (const field of ["GatewayId", "NatGatewayId", "NetworkInterfaceId", "DestinationPrefixListId", "TransitGatewayId"]) ref(t.RouteTableId, r[field]);
    }
  }
  for (const vpc of all("Vpcs")) {
    const id = vpc.VpcId as string;
    const mains = all("RouteTables").filter((t) => t.VpcId === id && t.Associations.some((a: Obj) => a.Main));
    const defaults = all("NetworkAcls").filter((a) => a.VpcId === id && a.IsDefault);
    const groups = all("SecurityGroups").filter((g) => g.VpcId === id && g.GroupName === "default");
    if (mains.length !== 1 || defaults.length !== 1 || groups.length !== 1) problems.push(`${id}: ${mains.length} main tables, ${defaults.length} default NACLs, ${groups.length} default SGs`);
    const attrs = attributes.filter((a) => a.VpcId === id);
    if (attrs.length !== 2) problems.push(`${id}: ${attrs.length} describe-vpc-attribute outputs`);
  }
  for (const a of all("TransitGatewayAttachments")) {
    ref(a.TransitGatewayAttachmentId, a.TransitGatewayId);
    ref(a.TransitGatewayAttachmentId, a.ResourceId);
    ref(a.TransitGatewayAttachmentId, a.Association?.TransitGatewayRouteTableId);
  }
  for (const a of all("TransitGatewayVpcAttachments")) for (const id of [a.TransitGatewayAttachmentId, a.VpcId, ...a.SubnetIds]) ref(a.TransitGatewayAttachmentId, id);
  for (const t of all("TransitGatewayRouteTables")) ref(t.TransitGatewayRouteTableId, t.TransitGatewayId);
  for (const g of all("InternetGateways")) for (const a of g.Attachments) ref(g.InternetGatewayId, a.VpcId);
  for (const n of all("NatGateways")) {
    ref(n.NatGatewayId, n.SubnetId);
    for (const a of n.NatGatewayAddresses) ref(n.NatGatewayId, a.NetworkInterfaceId);
  }
  for (const e of all("VpcEndpoints")) {
    for (const id of [e.VpcId, ...e.RouteTableIds, ...e.SubnetIds, ...e.NetworkInterfaceIds, ...e.Groups.map((g: Obj) => g.GroupId)]) ref(e.VpcEndpointId, id);
  }
  for (const g of all("SecurityGroups")) {
    ref(g.GroupId, g.VpcId);
    for (const p of [...g.IpPermissions, ...g.IpPermissionsEgress]) {
      for (const pair of p.UserIdGroupPairs) ref(g.GroupId, pair.GroupId);
      for (const pl of p.PrefixListIds) ref(g.GroupId, pl.PrefixListId);
    }
  }
  const aclCount = new Map<string, number>();
  for (const acl of all("NetworkAcls")) {
    ref(acl.NetworkAclId, acl.VpcId);
    for (const a of acl.Associations) {
      ref(acl.NetworkAclId, a.SubnetId);
      aclCount.set(a.SubnetId, (aclCount.get(a.SubnetId) ?? 0) + 1);
    }
  }
  for (const s of all("Subnets")) if (aclCount.get(s.SubnetId) !== 1) problems.push(`${s.SubnetId} has ${aclCount.get(s.SubnetId) ?? 0} NACL associations`);
  const ipsInVpc = new Set<string>();
  for (const eni of all("NetworkInterfaces")) {
    ref(eni.NetworkInterfaceId, eni.SubnetId);
    for (const g of eni.Groups) ref(eni.NetworkInterfaceId, g.GroupId);
    const cidr = subnetCidr.get(eni.SubnetId);
    if (cidr && !inCidr(eni.PrivateIpAddress, cidr)) problems.push(`${eni.NetworkInterfaceId} ${eni.PrivateIpAddress} outside ${cidr}`);
    const key = `${eni.VpcId}/${eni.PrivateIpAddress}`;
    if (ipsInVpc.has(key)) problems.push(`duplicate address ${key}`);
    ipsInVpc.add(key);
  }
  for (const i of instances) {
    ref(i.InstanceId, i.SubnetId);
    for (const n of i.NetworkInterfaces) ref(i.InstanceId, n.NetworkInterfaceId);
  }
  for (const a of all("Addresses")) ref(a.AllocationId, a.NetworkInterfaceId);
  for (const nb of notebooks) {
    ref(nb.NotebookInstanceName, nb.SubnetId);
    ref(nb.NotebookInstanceName, nb.NetworkInterfaceId);
    for (const g of nb.SecurityGroups ?? []) ref(nb.NotebookInstanceName, g);
    if (nb.DirectInternetAccess === "Disabled" && !nb.SubnetId) problems.push(`${nb.NotebookInstanceName}: Disabled without SubnetId`);
  }
  for (const w of workloads) {
    const name = String(SAGEMAKER_DESCRIBE_KEYS.map((key) => w[key]).find((value) => value !== undefined));
    const vpc = w.VpcConfig ?? w.NetworkConfig?.VpcConfig;
    for (const id of [...(vpc?.Subnets ?? []), ...(vpc?.SecurityGroupIds ?? []), ...(w.SubnetIds ?? []), w.VpcId]) ref(name, id);
    for (const id of [...(w.DefaultUserSettings?.SecurityGroups ?? []), ...(w.DefaultSpaceSettings?.SecurityGroups ?? []), ...(w.UserSettings?.SecurityGroups ?? [])]) ref(name, id);
  }
  const rules = all("SecurityGroups").reduce(
    (n, g) => n + [...g.IpPermissions, ...g.IpPermissionsEgress].reduce((m: number, p: Obj) => m + p.IpRanges.length + p.UserIdGroupPairs.length + p.PrefixListIds.length + p.Ipv6Ranges.length, 0),
    0,
  );
  const counts: Record<string, number> = {
    vpcs: all("Vpcs").length,
    subnets: all("Subnets").length,
    networkInterfaces: all("NetworkInterfaces").length,
    notebooks: notebooks.length,
    sagemakerWorkloads: workloads.length,
    securityGroups: all("SecurityGroups").length,
    securityGroupRules: rules,
    networkAcls: all("NetworkAcls").length,
    natGateways: all("NatGateways").length,
    vpcEndpoints: all("VpcEndpoints").length,
    instances: instances.length,
    routeTables: all("RouteTables").length,
    transitGateways: all("TransitGateways").length,
    transitGatewayAttachments: all("TransitGatewayAttachments").length,
    hostedZones: all("HostedZones").length,
  };
  return { problems, counts };
}
