/**
 * describe-subnets (`Subnets`) → `Subnet`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import { readBlockPublicAccessState } from "./vpc-block-public-access.js";

/**
 * Reads one `Subnets` document. IPv6-only subnets (no IPv4 CIDR) are skipped with a warning: the
 * model covers IPv4 reachability only.
 *
 * @param doc - the document (`{ "Subnets": [...] }`)
 * @param ctx - its scope and the builder
 */
export function readSubnets(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "subnets");
  for (const item of doc.objects("Subnets", true)) {
    const id = item.str("SubnetId");
    const record = item.withId(id);
    if (!record.has("CidrBlock") && record.optBool("Ipv6Native", false)) {
      ctx.builder.warn(`IPv6-only subnet ${id} is not modelled (IPv4 only)`, record.origin(), id);
      continue;
    }
    const ipv6Cidrs: string[] = [];
    for (const association of record.objects("Ipv6CidrBlockAssociationSet")) {
      const cidr = association.optIpv6Cidr("Ipv6CidrBlock");
      if (cidr) ipv6Cidrs.push(cidr);
    }
    const common = commonFields(record, ctx, id);
    ctx.builder.add("subnets", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      vpcId: record.str("VpcId"),
      cidr: record.cidr("CidrBlock"),
      ipv6Cidrs,
      availabilityZone: record.str("AvailabilityZone"),
      availabilityZoneId: record.optStr("AvailabilityZoneId"),
      mapPublicIpOnLaunch: record.optBool("MapPublicIpOnLaunch", false),
      blockPublicAccessMode: readBlockPublicAccessState(record),
    });
  }
}
