/**
 * describe-dhcp-options (`DhcpOptions`) → the `domain-name-servers` of each set, joined to the VPCs
 * whose `DhcpOptionsId` names it once every file is read (src/snapshot/resolve.ts). A set without
 * that option gives its VPC's instances no DNS server: an empty list, not AmazonProvidedDNS.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DhcpOptions.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";

/**
 * Reads one `DhcpOptions` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readDhcpOptions(doc: JsonObject, ctx: DocContext): void {
  for (const item of doc.objects("DhcpOptions", true)) {
    const record = item.withId(item.str("DhcpOptionsId"));
    const servers = record
      .objects("DhcpConfigurations")
      .filter((c) => c.str("Key") === "domain-name-servers")
      .flatMap((c) => c.objects("Values").map((v) => v.str("Value")));
    ctx.builder.parts.dhcpServers.set(record.str("DhcpOptionsId"), servers);
  }
}
