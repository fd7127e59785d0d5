/**
 * describe-network-interfaces (`NetworkInterfaces`) → `NetworkInterface`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { PrivateIpAddress } from "../../model/types.js";

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
  return addresses;
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
    const id = item.str("NetworkInterfaceId");
    const record = item.withId(id);
    ctx.builder.add("networkInterfaces", {
      ...commonFields(record, ctx, id),
      vpcId: record.str("VpcId"),
      subnetId: record.str("SubnetId"),
      availabilityZone: record.optStr("AvailabilityZone"),
      interfaceType: record.optStr("InterfaceType") ?? "interface",
      status: record.optStr("Status") ?? "in-use",
      privateIps: readPrivateIps(record),
      securityGroupIds: record.objects("Groups").map((group) => group.str("GroupId")),
      sourceDestCheck: record.optBool("SourceDestCheck", true),
      attachedInstanceId: record.optObj("Attachment")?.optStr("InstanceId"),
      requesterManaged: record.optBool("RequesterManaged", false),
      requesterId: record.optStr("RequesterId"),
      description: record.optStr("Description") ?? "",
    });
  }
}
