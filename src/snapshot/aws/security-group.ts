/**
 * describe-security-groups (`SecurityGroups`) → `SecurityGroup`, flattening each IpPermission into one
 * rule per peer (as describe-security-group-rules does).
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { PortRange, Protocol, SecurityGroupPeer, SecurityGroupRule } from "../../model/types.js";
import { readProtocol } from "./protocol.js";

function readPorts(permission: JsonObject, protocol: Protocol): PortRange | undefined {
  if (protocol === "all") return undefined;
  const from = permission.optInt("FromPort");
  const to = permission.optInt("ToPort");
  if (protocol === "tcp" || protocol === "udp") {
    // A tcp/udp permission without ports covers all of them; -1 means the same.
    if (from === undefined || from === -1) return { from: 0, to: 65535 };
    const end = to === undefined || to === -1 ? 65535 : to;
    if (from < 0 || end > 65535 || from > end) {
      permission.failAt("FromPort", `expected a port range within 0-65535, got ${from}-${end}`);
    }
    return { from, to: end };
  }
  if (protocol === "icmp") return { from: from ?? -1, to: to ?? -1 };
  return from === undefined ? undefined : { from, to: to ?? from };
}

function readPeers(permission: JsonObject): { peer: SecurityGroupPeer; description: string | undefined }[] {
  const peers: { peer: SecurityGroupPeer; description: string | undefined }[] = [];
  for (const range of permission.objects("IpRanges")) {
    peers.push({ peer: { kind: "cidr", cidr: range.cidr("CidrIp") }, description: range.optStr("Description") });
  }
  for (const range of permission.objects("Ipv6Ranges")) {
    peers.push({ peer: { kind: "ipv6", cidr: range.str("CidrIpv6") }, description: range.optStr("Description") });
  }
  for (const list of permission.objects("PrefixListIds")) {
    peers.push({ peer: { kind: "prefix-list", prefixListId: list.str("PrefixListId") }, description: list.optStr("Description") });
  }
  for (const pair of permission.objects("UserIdGroupPairs")) {
    peers.push({
      peer: {
        kind: "security-group",
        groupId: pair.str("GroupId"),
        vpcId: pair.optStr("VpcId"),
        peeringStatus: pair.optStr("PeeringStatus"),
      },
      description: pair.optStr("Description"),
    });
  }
  return peers;
}

function readRules(record: JsonObject, key: string, groupId: string, direction: "ingress" | "egress"): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  record.objects(key).forEach((permission, permissionIndex) => {
    const protocol = readProtocol(permission, "IpProtocol");
    const ports = readPorts(permission, protocol);
    for (const { peer, description } of readPeers(permission)) {
      rules.push({ groupId, direction, protocol, ports, peer, description, permissionIndex });
    }
  });
  return rules;
}

/**
 * Reads one `SecurityGroups` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readSecurityGroups(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "securityGroups");
  for (const item of doc.objects("SecurityGroups", true)) {
    const id = item.str("GroupId");
    const record = item.withId(id);
    const common = commonFields(record, ctx, id);
    // AWS prints both lists, empty when a group has no rules: an absent list is unread data.
    const absent = ["IpPermissions", "IpPermissionsEgress"].filter((key) => !record.has(key));
    if (absent.length > 0) ctx.builder.missingKeys(id, absent, common.origin);
    ctx.builder.add("securityGroups", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      vpcId: record.optStr("VpcId"),
      groupName: record.str("GroupName"),
      description: record.optStr("Description") ?? "",
      ingress: readRules(record, "IpPermissions", id, "ingress"),
      egress: readRules(record, "IpPermissionsEgress", id, "egress"),
    });
  }
}
