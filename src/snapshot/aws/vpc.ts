/**
 * describe-vpcs (`Vpcs`) → `Vpc`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import { readBlockPublicAccessState } from "./vpc-block-public-access.js";

/** States in which a CIDR association still routes traffic (AWS VpcCidrBlockState). */
const LIVE_CIDR_STATES = new Set(["associated", "associating"]);

/**
 * Reads one `Vpcs` document.
 *
 * @param doc - the document (`{ "Vpcs": [...] }`)
 * @param ctx - its scope and the builder to add records to
 */
export function readVpcs(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "vpcs");
  for (const item of doc.objects("Vpcs", true)) {
    const record = item.withId(item.str("VpcId"));
    const primary = record.cidr("CidrBlock");
    const cidrs = [primary];
    for (const association of record.objects("CidrBlockAssociationSet")) {
      const cidr = association.cidr("CidrBlock");
      const state = association.optObj("CidrBlockState")?.optStr("State") ?? "associated";
      if (LIVE_CIDR_STATES.has(state) && !cidrs.includes(cidr)) cidrs.push(cidr);
    }
    const ipv6Cidrs: string[] = [];
    for (const association of record.objects("Ipv6CidrBlockAssociationSet")) {
      const cidr = association.optIpv6Cidr("Ipv6CidrBlock");
      const state = association.optObj("Ipv6CidrBlockState")?.optStr("State") ?? "associated";
      if (cidr && LIVE_CIDR_STATES.has(state)) ipv6Cidrs.push(cidr);
    }
    const common = commonFields(record, ctx, record.str("VpcId"));
    ctx.builder.add("vpcs", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      cidrs,
      ipv6Cidrs,
      isDefault: record.optBool("IsDefault", false),
      state: record.optStr("State") ?? "available",
      enableDnsSupport: undefined,
      enableDnsHostnames: undefined,
      dhcpOptionsId: record.optStr("DhcpOptionsId"),
      blockPublicAccessMode: readBlockPublicAccessState(record),
    });
  }
}
