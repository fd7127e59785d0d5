/**
 * describe-addresses (`Addresses`) → `ElasticIp`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Address.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";

/**
 * Reads one `Addresses` document. Elastic IPs are kept as a list (an EIP may lack an allocation id in
 * EC2-Classic era outputs), deduplicated by public IP.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readAddresses(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "addresses");
  for (const item of doc.objects("Addresses", true)) {
    const publicIp = item.optIpv4("PublicIp") ?? item.failAt("PublicIp", "missing required field");
    const record = item.withId(item.optStr("AllocationId") ?? publicIp);
    const scope = ctx.scope(record.optStr("NetworkInterfaceOwnerId"));
    ctx.builder.markPresent(scope, "addresses");
    ctx.builder.elasticIps.push({
      allocationId: record.optStr("AllocationId"),
      publicIp,
      privateIp: record.optIpv4("PrivateIpAddress"),
      networkInterfaceId: record.optStr("NetworkInterfaceId"),
      instanceId: record.optStr("InstanceId"),
      scope,
      origin: record.origin(),
    });
  }
}
