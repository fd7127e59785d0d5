/**
 * describe-nat-gateways (`NatGateways`) → `NatGateway`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html
 * (and NatGatewayAddress: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGatewayAddress.html)
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";

/**
 * Reads one `NatGateways` document. `ConnectivityType` defaults to `public` and `AvailabilityMode`
 * to `zonal`, as for gateways created before those fields existed.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readNatGateways(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "natGateways");
  for (const item of doc.objects("NatGateways", true)) {
    const record = item.withId(item.str("NatGatewayId"));
    const availabilityMode = record.optOneOf("AvailabilityMode", ["zonal", "regional"]) ?? "zonal";
    const common = commonFields(record, ctx, record.str("NatGatewayId"));
    ctx.builder.add("natGateways", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      vpcId: record.str("VpcId"),
      subnetId: availabilityMode === "regional" ? record.optStr("SubnetId") : record.str("SubnetId"),
      state: record.str("State"),
      connectivityType: record.optOneOf("ConnectivityType", ["public", "private"]) ?? "public",
      availabilityMode,
      addresses: record.objects("NatGatewayAddresses").map((address) => ({
        allocationId: address.optStr("AllocationId"),
        networkInterfaceId: address.optStr("NetworkInterfaceId"),
        privateIp: address.optIpv4("PrivateIp"),
        publicIp: address.optIpv4("PublicIp"),
        // Not an AWS field: a Terraform plan's Elastic IP allocated at apply (terraform/resources/gateways.ts).
        ...(address.optStr("PublicIpAtApply") ? { publicIpAtApply: address.optStr("PublicIpAtApply") } : {}),
      })),
    });
  }
}
