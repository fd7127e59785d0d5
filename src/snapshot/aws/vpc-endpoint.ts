/**
 * describe-vpc-endpoints (`VpcEndpoints`) → `VpcEndpoint`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { EndpointDnsOptions, VpcEndpoint } from "../../model/types.js";

const ENDPOINT_TYPES: VpcEndpoint["type"][] = ["Gateway", "Interface", "GatewayLoadBalancer", "Resource", "ServiceNetwork"];

/** An interface endpoint's `DnsOptions`, when the output has them. */
function readDnsOptions(record: JsonObject): EndpointDnsOptions | undefined {
  const options = record.optObj("DnsOptions");
  if (!options) return undefined;
  return {
    dnsRecordIpType: options.optStr("DnsRecordIpType"),
    // Not printed by an AWS CLI older than the option: unknown, not false (src/engine/rules/private-dns.ts).
    privateDnsOnlyForInboundResolverEndpoint: options.has("PrivateDnsOnlyForInboundResolverEndpoint") ? options.bool("PrivateDnsOnlyForInboundResolverEndpoint") : undefined,
  };
}

/**
 * Reads one `VpcEndpoints` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readVpcEndpoints(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "vpcEndpoints");
  for (const item of doc.objects("VpcEndpoints", true)) {
    const id = item.str("VpcEndpointId");
    const record = item.withId(id);
    const type = record.oneOf("VpcEndpointType", ENDPOINT_TYPES);
    const common = commonFields(record, ctx, id);
    ctx.builder.add("vpcEndpoints", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      vpcId: record.str("VpcId"),
      type,
      serviceName: type === "Resource" || type === "ServiceNetwork" ? (record.optStr("ServiceName") ?? "") : record.str("ServiceName"),
      state: record.optStr("State") ?? "available",
      routeTableIds: record.strings("RouteTableIds"),
      subnetIds: record.strings("SubnetIds"),
      networkInterfaceIds: record.strings("NetworkInterfaceIds"),
      securityGroupIds: record.objects("Groups").map((group) => group.str("GroupId")),
      privateDnsEnabled: record.optBool("PrivateDnsEnabled", false),
      dnsEntries: record.objects("DnsEntries").map((entry) => ({
        dnsName: entry.str("DnsName"),
        hostedZoneId: entry.optStr("HostedZoneId"),
      })),
      policyDocument: record.optStr("PolicyDocument"),
      dnsOptions: readDnsOptions(record),
    });
  }
}
