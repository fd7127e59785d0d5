/**
 * Workloads: `aws_instance`, `aws_network_interface`, `aws_sagemaker_notebook_instance` and
 * `aws_sagemaker_domain` → describe-instances, describe-network-interfaces, describe-notebook-instance
 * and describe-domain outputs. An address
 * AWS picks at apply (a private IP not set in the configuration) stays unknown, and so do the answers
 * that need it.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance,
 * …/network_interface, …/sagemaker_notebook_instance and …/sagemaker_domain
 */
import type { TfInstance } from "../plan.js";
import { blockInstance, blocks, str, strings, tagsOf, type Json, type Translation } from "../translate.js";

function vpcOfSubnet(t: Translation, subnetId: string): string | undefined {
  return t.records("Subnets").find((s) => s.SubnetId === subnetId)?.VpcId as string | undefined;
}

/**
 * Whether AWS gives the instance a public IP at launch that the plan cannot name: asked for, or
 * left to a subnet that maps public IPs on launch.
 */
function publicIpAtApply(t: Translation, instance: TfInstance, subnetId: string): boolean {
  if (str(instance, "public_ip") || !t.isUnknown(instance, "public_ip")) return false;
  const asked = instance.values.associate_public_ip_address;
  if (typeof asked === "boolean") return asked;
  return t.records("Subnets").find((s) => s.SubnetId === subnetId)?.MapPublicIpOnLaunch === true;
}

/** `metadata_options.http_endpoint` as describe-instances prints it (`MetadataOptions.HttpEndpoint`). */
function metadataOptions(instance: TfInstance): Json {
  const endpoint = blocks(instance, "metadata_options")[0]?.http_endpoint;
  return typeof endpoint === "string" && endpoint !== "" ? { MetadataOptions: { HttpEndpoint: endpoint } } : {};
}

function readInstance(t: Translation, instance: TfInstance): void {
  const subnetId = t.ref(instance, "subnet_id");
  if (!subnetId) return t.omit(instance, "subnet_id");
  // Without its public IP the internet gateway would be judged to drop its traffic: a confident
  // wrong answer. Left out instead, so every answer about it says it cannot be known yet.
  if (publicIpAtApply(t, instance, subnetId)) return t.omit(instance, "public_ip");
  const groups = [...t.refs(instance, "vpc_security_group_ids"), ...strings(instance, "security_groups").filter((g) => g.startsWith("sg-"))];
  const vpcId = vpcOfSubnet(t, subnetId);
  const groupIds = groups.length > 0 ? groups : vpcId ? [t.vpcDefaultId(vpcId, "default_security_group_id")] : [];
  const privateIp = str(instance, "private_ip");
  const eniId = str(instance, "primary_network_interface_id") ?? `eni-${instance.address}`;
  const publicIp = str(instance, "public_ip");
  if (!privateIp) t.warn(instance, "its private IP is chosen at apply; answers that need it are unknown");
  t.add("Reservations", {
    Instances: [
      {
        InstanceId: t.idOf(instance),
        State: { Name: "running" },
        SubnetId: subnetId,
        ...(vpcId ? { VpcId: vpcId } : {}),
        ...(privateIp ? { PrivateIpAddress: privateIp } : {}),
        ...(publicIp ? { PublicIpAddress: publicIp } : {}),
        SecurityGroups: groupIds.map((GroupId) => ({ GroupId })),
        NetworkInterfaces: [{ NetworkInterfaceId: eniId }],
        ...(str(instance, "availability_zone") ? { Placement: { AvailabilityZone: str(instance, "availability_zone") } } : {}),
        ...metadataOptions(instance),
        Tags: tagsOf(instance),
      },
    ],
  });
  // Without the subnet (a VPC created elsewhere) the interface's VPC is not known: its subnet then
  // dangles, and answers about the instance are unknown.
  if (privateIp && vpcId) {
    t.add("NetworkInterfaces", {
      NetworkInterfaceId: eniId,
      SubnetId: subnetId,
      ...(vpcId ? { VpcId: vpcId } : {}),
      ...(str(instance, "availability_zone") ? { AvailabilityZone: str(instance, "availability_zone") } : {}),
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: [{ PrivateIpAddress: privateIp, Primary: true, ...(publicIp ? { Association: { PublicIp: publicIp } } : {}) }],
      Groups: groupIds.map((GroupId) => ({ GroupId })),
      Attachment: { InstanceId: t.idOf(instance) },
      ...(publicIp ? { Association: { PublicIp: publicIp } } : {}),
      Status: "in-use",
    });
  }
}

function readNetworkInterface(t: Translation, eni: TfInstance): void {
  const subnetId = t.ref(eni, "subnet_id");
  const privateIp = str(eni, "private_ip") ?? strings(eni, "private_ips")[0];
  if (!subnetId) return t.omit(eni, "subnet_id");
  if (!privateIp) return t.omit(eni, "private_ip");
  const vpcId = vpcOfSubnet(t, subnetId);
  if (!vpcId) return t.warn(eni, `is in subnet ${subnetId}, which is not in the plan; left out`);
  const groups = t.refs(eni, "security_groups");
  const groupIds = groups.length > 0 ? groups : [t.vpcDefaultId(vpcId, "default_security_group_id")];
  t.add("NetworkInterfaces", {
    NetworkInterfaceId: t.idOf(eni),
    SubnetId: subnetId,
    VpcId: vpcId,
    PrivateIpAddress: privateIp,
    PrivateIpAddresses: [{ PrivateIpAddress: privateIp, Primary: true }],
    Groups: groupIds.map((GroupId) => ({ GroupId })),
    // Taken as attached: besides its own `attachment` block, an instance's `network_interface` block or
    // an aws_network_interface_attachment may attach it, which this reader does not follow; "available"
    // would make every answer about it unknown (engine/rules/network-interface-state.ts).
    Status: "in-use",
    TagSet: tagsOf(eni),
  });
}

function readNotebook(t: Translation, notebook: TfInstance): void {
  const name = str(notebook, "name");
  if (!name) return t.omit(notebook, "name");
  const subnetId = t.ref(notebook, "subnet_id");
  const eni = str(notebook, "network_interface_id");
  if (subnetId && !eni) t.warn(notebook, "its network interface (and private IP) is created at apply; the notebook's subnet and security groups are used, and answers that need its address are unknown");
  t.singles.push({
    NotebookInstanceName: name,
    ...(str(notebook, "arn") ? { NotebookInstanceArn: str(notebook, "arn") } : {}),
    NotebookInstanceStatus: "InService",
    ...(str(notebook, "instance_type") ? { InstanceType: str(notebook, "instance_type") } : {}),
    ...(subnetId ? { SubnetId: subnetId, SecurityGroups: t.refs(notebook, "security_groups") } : {}),
    ...(eni ? { NetworkInterfaceId: eni } : {}),
    DirectInternetAccess: str(notebook, "direct_internet_access") ?? "Enabled",
    RootAccess: str(notebook, "root_access") ?? "Enabled",
    ...(str(notebook, "kms_key_id") ? { KmsKeyId: str(notebook, "kms_key_id") } : {}),
    ...(str(notebook, "role_arn") ? { RoleArn: str(notebook, "role_arn") } : {}),
  });
}

/**
 * The security groups of a settings block (`default_user_settings`, `default_space_settings`): known
 * values, else what the block's configuration references name.
 */
function blockGroups(t: Translation, owner: TfInstance, block: string): string[] {
  const settings = blockInstance(owner, block, 0);
  return settings ? t.refs(settings, "security_groups") : [];
}

function readDomain(t: Translation, domain: TfInstance): void {
  const subnetIds = t.refs(domain, "subnet_ids");
  const vpcId = t.ref(domain, "vpc_id");
  t.singles.push({
    DomainId: t.idOf(domain),
    ...(str(domain, "arn") ? { DomainArn: str(domain, "arn") } : {}),
    DomainName: str(domain, "domain_name") ?? domain.address,
    AppNetworkAccessType: str(domain, "app_network_access_type") ?? "PublicInternetOnly",
    ...(vpcId ? { VpcId: vpcId } : {}),
    SubnetIds: subnetIds,
    DefaultUserSettings: { SecurityGroups: blockGroups(t, domain, "default_user_settings") },
    DefaultSpaceSettings: { SecurityGroups: blockGroups(t, domain, "default_space_settings") },
    Status: "InService",
  });
}

export const COMPUTE_TRANSLATORS = {
  aws_instance: readInstance,
  aws_network_interface: readNetworkInterface,
  aws_sagemaker_notebook_instance: readNotebook,
  aws_sagemaker_domain: readDomain,
} as const;
