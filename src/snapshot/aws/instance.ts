/**
 * describe-instances (`Reservations[].Instances[]`) → `Instance`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html
 * (inside https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Reservation.html)
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import { readInterfaceRecord } from "./network-interface.js";

function readInstance(record: JsonObject, ctx: DocContext, reservationOwner: string | undefined): void {
  const id = record.str("InstanceId");
  const common = commonFields(record, ctx, id);
  if (!record.has("OwnerId")) common.scope = ctx.scope(reservationOwner);
  const interfaces = record.objects("NetworkInterfaces").map((eni) => eni.withId(eni.str("NetworkInterfaceId")));
  // The instance's own copy of its ENIs stands in when describe-network-interfaces was not given.
  const fallback = {
    vpcId: record.optStr("VpcId") ?? "",
    subnetId: record.optStr("SubnetId"),
    availabilityZone: record.optObj("Placement")?.optStr("AvailabilityZone"),
    instanceId: id,
  };
  for (const eni of interfaces) {
    if (eni.has("SubnetId") || fallback.subnetId) ctx.builder.instanceInterfaces.push(readInterfaceRecord(eni, ctx, fallback));
  }
  ctx.builder.add("instances", {
    id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
    state: record.optObj("State")?.optStr("Name") ?? "unknown",
    vpcId: record.optStr("VpcId"),
    subnetId: record.optStr("SubnetId"),
    privateIp: record.optIpv4("PrivateIpAddress"),
    publicIp: record.optIpv4("PublicIpAddress"),
    networkInterfaceIds: interfaces.map((eni) => eni.str("NetworkInterfaceId")),
    securityGroupIds: record.objects("SecurityGroups").map((group) => group.str("GroupId")),
    metadataEndpoint: record.optObj("MetadataOptions")?.optOneOf("HttpEndpoint", ["enabled", "disabled"]),
  });
}

/**
 * Reads one `Reservations` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readReservations(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "instances");
  for (const reservation of doc.objects("Reservations", true)) {
    const owner = reservation.optStr("OwnerId");
    for (const item of reservation.objects("Instances")) readInstance(item.withId(item.str("InstanceId")), ctx, owner);
  }
}
