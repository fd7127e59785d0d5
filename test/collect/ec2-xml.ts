/**
 * Test helper: turns AWS CLI-shaped JSON (PascalCase, as in a describe-* file) into an EC2 Query
 * protocol XML response, so the loopback server can answer the real SDK with a fixture network.
 *
 * EC2's XML names are mostly the lower-camel member name, lists are `<item>` elements, and the
 * exceptions below come from the EC2 API reference's response elements (e.g. DescribeVpcs →
 * `vpcSet`, a security group's Description → `groupDescription`, UserIdGroupPairs → `groups`,
 * a network ACL's IsDefault → `default`). They are written out by hand, not taken from the SDK,
 * so a wrong name in the SDK's deserializer would show up as a lost field in the round-trip test.
 */

/** List element names that are not simply the lower-camel JSON key (any parent). */
const LIST_NAMES: Record<string, string> = {
  Tags: "tagSet",
  Groups: "groupSet",
  UserIdGroupPairs: "groups",
  NetworkInterfaces: "networkInterfaceSet",
  Ipv6Prefixes: "ipv6PrefixSet",
  Ipv4Prefixes: "ipv4PrefixSet",
  IpPrefixes: "ipPrefixSet",
  Entries: "entrySet",
  Attachments: "attachmentSet",
  Associations: "associationSet",
  Vpcs: "vpcSet",
  VpcPeeringConnections: "vpcPeeringConnectionSet",
  VpcEndpoints: "vpcEndpointSet",
  TransitGateways: "transitGatewaySet",
  Subnets: "subnetSet",
  SubnetIds: "subnetIdSet",
  Routes: "routeSet",
  RouteTables: "routeTableSet",
  RouteTableIds: "routeTableIdSet",
  Reservations: "reservationSet",
  Regions: "regionInfo",
  PropagatingVgws: "propagatingVgwSet",
  PrivateIpAddresses: "privateIpAddressesSet",
  PrivateDnsSpecifiedDomains: "privateDnsSpecifiedDomainSet",
  PayerResponsibilities: "payerResponsibilitySet",
  NetworkInterfaceIds: "networkInterfaceIdSet",
  NetworkAcls: "networkAclSet",
  NatGateways: "natGatewaySet",
  NatGatewayAddresses: "natGatewayAddressSet",
  Licenses: "licenseSet",
  Ipv6Addresses: "ipv6AddressesSet",
  InternetGateways: "internetGatewaySet",
  Instances: "instancesSet",
  ElasticInferenceAcceleratorAssociations: "elasticInferenceAcceleratorAssociationSet",
  ElasticGpuAssociations: "elasticGpuAssociationSet",
  EgressOnlyInternetGateways: "egressOnlyInternetGatewaySet",
  DnsEntries: "dnsEntrySet",
  Cidrs: "cidrSet",
  BlockDeviceMappings: "blockDeviceMapping",
  AttachedAppliances: "attachedApplianceSet",
  AssociatedSubnets: "associatedSubnetSet",
  Addresses: "addressesSet",
  PrefixLists: "prefixListSet",
  VpcBlockPublicAccessExclusions: "vpcBlockPublicAccessExclusionSet",
  DhcpOptions: "dhcpOptionsSet",
  DhcpConfigurations: "dhcpConfigurationSet",
};

/** Names that depend on the parent: `Parent.Key` (Parent = the enclosing JSON key). */
const MEMBER_NAMES: Record<string, string> = {
  "DescribeSecurityGroups.SecurityGroups": "securityGroupInfo",
  "SecurityGroups.Description": "groupDescription",
  "Instances.SecurityGroups": "groupSet",
  "Instances.PublicDnsName": "dnsName",
  "Instances.PublicIpAddress": "ipAddress",
  "Instances.State": "instanceState",
  "Instances.StateTransitionReason": "reason",
  "NetworkAcls.IsDefault": "default",
  "ProductCodes.ProductCodeId": "productCode",
  "ProductCodes.ProductCodeType": "type",
  "Regions.Endpoint": "regionEndpoint",
  "DhcpConfigurations.Values": "valueSet",
  "GetTransitGatewayRouteTableAssociations.Associations": "associations",
};

const lowerCamel = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

/** The XML element name for JSON `key` found inside `parent`. */
export function xmlName(parent: string, key: string, isList: boolean): string {
  return MEMBER_NAMES[`${parent}.${key}`] ?? (isList ? LIST_NAMES[key] : undefined) ?? lowerCamel(key);
}

function escapeXml(text: string): string {
  // A raw CR would be normalised away by any XML parser, so it is sent as a character reference.
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\r/g, "&#xD;");
}

/** XML for the value of JSON `key` (whose parent is `parent`), element included. */
function element(parent: string, key: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  const name = xmlName(parent, key, Array.isArray(value));
  if (Array.isArray(value)) {
    const items = value.map((item) => `<item>${body(key, item)}</item>`).join("");
    return `<${name}>${items}</${name}>`;
  }
  return `<${name}>${body(key, value)}</${name}>`;
}

/** The content of an element: a scalar's text or an object's members (their parent is `key`). */
function body(key: string, value: unknown): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([member, memberValue]) => element(key, member, memberValue))
      .join("");
  }
  return escapeXml(typeof value === "string" ? isoTimestamp(value) : String(value));
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** EC2 sends timestamps as ISO 8601 (`2020-05-08T03:45:53.000Z`); some saved outputs use a space. */
function isoTimestamp(text: string): string {
  return TIMESTAMP.test(text) ? new Date(text.replace(" ", "T")).toISOString() : text;
}

/**
 * A whole EC2 response document, e.g. `<DescribeVpcsResponse>…<vpcSet>…</vpcSet><nextToken>…`.
 *
 * @param action - e.g. `DescribeVpcs`
 * @param output - the output members in CLI JSON form, e.g. `{ Vpcs: [...] }`
 * @param nextToken - the paging token to return, if any
 */
export function ec2Response(action: string, output: Record<string, unknown>, nextToken?: string): string {
  const members = Object.entries(output)
    .map(([key, value]) => element(action, key, value))
    .join("");
  const token = nextToken ? `<nextToken>${escapeXml(nextToken)}</nextToken>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
    `<requestId>00000000-0000-0000-0000-000000000000</requestId>${members}${token}</${action}Response>`
  );
}

/**
 * An EC2 error response, e.g. code `UnauthorizedOperation` (HTTP 403) or `RequestLimitExceeded` (503).
 *
 * @param code - the error code
 * @param message - the error message
 */
export function ec2Error(code: string, message: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000001</RequestID></Response>`
  );
}
