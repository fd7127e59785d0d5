/**
 * describe-network-interfaces (`NetworkInterfaces`) → `NetworkInterface`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { NetworkInterface, PrivateIpAddress } from "../../model/types.js";
import { parseCidr } from "../../net/cidr.js";
import { formatIpv4 } from "../../net/ipv4.js";

/** AWS delegates IPv4 prefixes as /28 only (prefix delegation); a wider block would be a malformed file. */
const DELEGATED_PREFIX_LENGTH = 28;

/**
 * The addresses of the ENI's delegated IPv4 prefixes (`Ipv4Prefixes`, e.g. EKS prefix mode): the VPC
 * delivers every address of the prefix to the ENI, so each one is held like a secondary private IP.
 * Unread, a pod's address looked unowned and a query to it was a confident NO_POSSIBLE_DESTINATION.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-prefix-eni.html
 */
function readDelegatedPrefixes(record: JsonObject): PrivateIpAddress[] {
  const addresses: PrivateIpAddress[] = [];
  for (const prefix of record.objects("Ipv4Prefixes")) {
    const text = prefix.cidr("Ipv4Prefix");
    const block = parseCidr(text);
    if (!block || block.prefixLength < DELEGATED_PREFIX_LENGTH) return prefix.failAt("Ipv4Prefix", `expected a /${DELEGATED_PREFIX_LENGTH} delegated prefix, got ${text}`);
    for (let n = block.first; n <= block.last; n++) addresses.push({ privateIp: formatIpv4(n), primary: false, publicIp: undefined, delegatedPrefix: text });
  }
  return addresses;
}

function readPrivateIps(record: JsonObject): PrivateIpAddress[] {
  const addresses = record.objects("PrivateIpAddresses").map((address) => ({
    privateIp: address.optIpv4("PrivateIpAddress") ?? address.failAt("PrivateIpAddress", "missing required field"),
    primary: address.optBool("Primary", false),
    publicIp: address.optObj("Association")?.optIpv4("PublicIp"),
  }));
  const primaryIp = record.optIpv4("PrivateIpAddress");
  if (primaryIp && !addresses.some((address) => address.privateIp === primaryIp)) {
    addresses.unshift({ privateIp: primaryIp, primary: true, publicIp: record.optObj("Association")?.optIpv4("PublicIp") });
  }
  const held = new Set(addresses.map((address) => address.privateIp));
  for (const address of readDelegatedPrefixes(record)) if (!held.has(address.privateIp)) addresses.push(address);
  return addresses;
}

/**
 * Parses one ENI record: a describe-network-interfaces item, or an item of an instance's
 * `NetworkInterfaces` (describe-instances), which has the same fields minus a few.
 *
 * @param record - the raw ENI (with its id set by `withId`)
 * @param ctx - its scope
 * @param fallback - values for fields the instance form lacks (VPC, AZ, attached instance)
 */
export function readInterfaceRecord(
  record: JsonObject,
  ctx: DocContext,
  fallback: { vpcId?: string; subnetId?: string; availabilityZone?: string; instanceId?: string } = {},
): NetworkInterface {
  const id = record.str("NetworkInterfaceId");
  const common = commonFields(record, ctx, id);
  return {
    id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
    vpcId: fallback.vpcId !== undefined ? (record.optStr("VpcId") ?? fallback.vpcId) : record.str("VpcId"),
    subnetId: record.optStr("SubnetId") ?? fallback.subnetId ?? record.str("SubnetId"),
    availabilityZone: record.optStr("AvailabilityZone") ?? fallback.availabilityZone,
    interfaceType: record.optStr("InterfaceType") ?? "interface",
    status: record.optStr("Status") ?? "in-use",
    privateIps: readPrivateIps(record),
    securityGroupIds: record.objects("Groups").map((group) => group.str("GroupId")),
    sourceDestCheck: record.optBool("SourceDestCheck", true),
    attachedInstanceId: record.optObj("Attachment")?.optStr("InstanceId") ?? fallback.instanceId,
    requesterManaged: record.optBool("RequesterManaged", false),
    requesterId: record.optStr("RequesterId"),
    description: record.optStr("Description") ?? "",
  };
}

/**
 * Reads one `NetworkInterfaces` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readNetworkInterfaces(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "networkInterfaces");
  for (const item of doc.objects("NetworkInterfaces", true)) {
    ctx.builder.add("networkInterfaces", readInterfaceRecord(item.withId(item.str("NetworkInterfaceId")), ctx));
  }
}
