/**
 * describe-network-acls (`NetworkAcls`) → `NetworkAcl`. A VPC's default NACL is the one with
 * `IsDefault: true`; entries are sorted by rule number because AWS evaluates them in that order.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAcl.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { NetworkAclEntry } from "../../model/types.js";
import { readProtocol } from "./protocol.js";

function readEntry(entry: JsonObject): NetworkAclEntry {
  const ruleNumber = entry.int("RuleNumber");
  if (ruleNumber < 1 || ruleNumber > 32767) entry.failAt("RuleNumber", `expected a rule number 1-32767, got ${ruleNumber}`);
  const protocol = readProtocol(entry, "Protocol");
  const cidr = entry.optCidr("CidrBlock");
  const ipv6Cidr = entry.optIpv6Cidr("Ipv6CidrBlock");
  if (!cidr && !ipv6Cidr) entry.failAt("CidrBlock", "missing required field (an entry needs CidrBlock or Ipv6CidrBlock)");
  const range = entry.optObj("PortRange");
  const icmp = entry.optObj("IcmpTypeCode");
  let ports: NetworkAclEntry["ports"];
  if (range && (protocol === "tcp" || protocol === "udp")) {
    const from = range.int("From");
    const to = range.int("To");
    if (from < 0 || to > 65535 || from > to) range.failAt("From", `expected a port range within 0-65535, got ${from}-${to}`);
    ports = { from, to };
  }
  return {
    ruleNumber,
    egress: entry.bool("Egress"),
    action: entry.oneOf("RuleAction", ["allow", "deny"]),
    protocol,
    cidr,
    ipv6Cidr,
    ports,
    icmp: icmp && protocol === "icmp" ? { type: icmp.optInt("Type") ?? -1, code: icmp.optInt("Code") ?? -1 } : undefined,
  };
}

/**
 * Reads one `NetworkAcls` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readNetworkAcls(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "networkAcls");
  for (const item of doc.objects("NetworkAcls", true)) {
    const id = item.str("NetworkAclId");
    const record = item.withId(id);
    const entries = record.objects("Entries").map(readEntry);
    entries.sort((a, b) => a.ruleNumber - b.ruleNumber || Number(a.egress) - Number(b.egress));
    const common = commonFields(record, ctx, id);
    // AWS always lists the entries (at least the two default denies): without them nothing is known.
    if (!record.has("Entries")) ctx.builder.missingKeys(id, ["Entries"], common.origin);
    ctx.builder.add("networkAcls", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      vpcId: record.str("VpcId"),
      isDefault: record.optBool("IsDefault", false),
      subnetIds: record.objects("Associations").flatMap((association) => {
        const subnetId = association.optStr("SubnetId");
        return subnetId ? [subnetId] : [];
      }),
      entries,
    });
  }
}
