/**
 * Small renderers from compact specs to the exact JSON shapes of EC2 route entries, security group
 * permissions (IpPermissions / IpPermissionsEgress) and network ACL entries, as the AWS CLI prints
 * them (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html,
 * API_IpPermission.html, API_NetworkAclEntry.html).
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type TagList = { Key: string; Value: string }[];

export interface RawRouteTable {
  [key: string]: Json;
  Associations: Json[];
  Routes: Json[];
}
export interface RawAcl {
  [key: string]: Json;
  Associations: { [key: string]: string }[];
  Entries: Json[];
}

/** Where a route sends traffic: the AWS field is chosen from the id's prefix. */
export type RouteTargetSpec = { gateway: string } | { nat: string } | { peering: string } | { transitGateway: string } | { networkInterface: string };

export interface RouteSpec {
  cidr?: string;
  prefixList?: string;
  target: RouteTargetSpec;
  state?: "active" | "blackhole";
}

/** A security group peer: a CIDR, another group (or `"self"`), or a prefix list. */
export type Peer = { cidr: string; description?: string } | { group: string; description?: string } | { prefixList: string; description?: string };

export interface Permission {
  protocol: "tcp" | "udp" | "icmp" | "-1";
  from?: number;
  to?: number;
  peers: Peer[];
}

export interface AclEntrySpec {
  rule: number;
  egress: boolean;
  action: "allow" | "deny";
  /** `-1` (all), `6` (tcp), `17` (udp), `1` (icmp). */
  protocol: "-1" | "6" | "17" | "1";
  cidr: string;
  ports?: [number, number];
}

/**
 * A `Tags` list with a Name tag (and any others).
 *
 * @param name - the Name tag value
 * @param extra - more tags
 */
export function nameTags(name: string, extra: Record<string, string> = {}): TagList {
  return [{ Key: "Name", Value: name }, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))];
}

/**
 * The route field AWS uses for a target (GatewayId covers `local`, igw-, vpce- and vgw-).
 *
 * @param target - the compact target spec
 */
export function routeTargetField(target: RouteTargetSpec): [string, string] {
  if ("gateway" in target) return ["GatewayId", target.gateway];
  if ("nat" in target) return ["NatGatewayId", target.nat];
  if ("peering" in target) return ["VpcPeeringConnectionId", target.peering];
  if ("transitGateway" in target) return ["TransitGatewayId", target.transitGateway];
  return ["NetworkInterfaceId", target.networkInterface];
}

/**
 * One entry of a route table's `Routes`.
 *
 * @param spec - destination, target, state
 * @param origin - `CreateRouteTable` for the local route, else `CreateRoute`
 */
export function route(spec: RouteSpec, origin: "CreateRouteTable" | "CreateRoute"): Json {
  const [field, value] = routeTargetField(spec.target);
  return {
    ...(spec.cidr !== undefined ? { DestinationCidrBlock: spec.cidr } : {}),
    ...(spec.prefixList !== undefined ? { DestinationPrefixListId: spec.prefixList } : {}),
    [field]: value,
    Origin: origin,
    State: spec.state ?? "active",
  };
}

/**
 * One IpPermissions element. Peers of the same kind share the element, as the API groups them.
 *
 * @param perm - protocol, ports and peers
 * @param selfId - the id of the group being built (for `{ group: "self" }`)
 * @param account - owner id printed in UserIdGroupPairs
 */
export function permission(perm: Permission, selfId: string, account: string): Json {
  const ports: { [key: string]: Json } =
    perm.protocol === "-1"
      ? {}
      : perm.protocol === "icmp"
        ? { FromPort: perm.from ?? -1, ToPort: perm.to ?? -1 }
        : { FromPort: perm.from ?? 0, ToPort: perm.to ?? perm.from ?? 65535 };
  const described = (description: string | undefined): { [key: string]: Json } => (description ? { Description: description } : {});
  return {
    IpProtocol: perm.protocol,
    ...ports,
    UserIdGroupPairs: perm.peers.flatMap((peer) =>
      "group" in peer ? [{ ...described(peer.description), UserId: account, GroupId: peer.group === "self" ? selfId : peer.group }] : [],
    ),
    IpRanges: perm.peers.flatMap((peer) => ("cidr" in peer ? [{ ...described(peer.description), CidrIp: peer.cidr }] : [])),
    Ipv6Ranges: [],
    PrefixListIds: perm.peers.flatMap((peer) => ("prefixList" in peer ? [{ ...described(peer.description), PrefixListId: peer.prefixList }] : [])),
  };
}

/**
 * One `Entries` element of a network ACL.
 *
 * @param spec - rule number, direction, action, protocol number, CIDR, port range
 */
export function aclEntry(spec: AclEntrySpec): Json {
  return {
    CidrBlock: spec.cidr,
    Egress: spec.egress,
    Protocol: spec.protocol,
    ...(spec.ports ? { PortRange: { From: spec.ports[0], To: spec.ports[1] } } : {}),
    RuleAction: spec.action,
    RuleNumber: spec.rule,
  };
}
