/**
 * A small hand-built network for the reference evaluator's unit tests: VPC A (10.0.0.0/16 plus the
 * secondary 172.16.0.0/16) with a public subnet (IGW route, NAT gateway, public instance), a private
 * subnet (NAT default route, S3 gateway endpoint), an endpoint subnet (SageMaker runtime interface
 * endpoint) and a secondary-CIDR subnet; VPC B (10.1.0.0/16) peered with A. Tests change one part
 * (`tweak`) and check one rule. `hub` joins A and B by a transit gateway instead.
 */
import type { Model, Route, TransitGatewayAttachment, TransitGatewayRoute } from "../../src/model/types.js";
import {
  allowAllEntries,
  assembleModel,
  eni,
  gatewayEndpoint,
  instance,
  interfaceEndpoint,
  internetGateway,
  natGateway,
  networkAcl,
  notebook,
  peering,
  prefixList,
  route,
  SCOPE,
  routeTable,
  securityGroup,
  sgRule,
  subnet,
  vpc,
  type ModelParts,
} from "../generators/model-builder.js";

export const S3_CIDRS = ["52.216.0.0/15", "54.231.0.0/17"];

/**
 * Builds the test world.
 *
 * @param tweak - changes the parts before the model is assembled
 */
export function world(tweak: (parts: Required<ModelParts>) => void = () => {}): Model {
  const vpcA = vpc("vpc-a", ["10.0.0.0/16", "172.16.0.0/16"]);
  const vpcB = vpc("vpc-b", ["10.1.0.0/16"]);
  const pub = subnet("subnet-pub", "vpc-a", "10.0.1.0/24", "us-east-1a");
  const priv = subnet("subnet-priv", "vpc-a", "10.0.2.0/24", "us-east-1b");
  const epSub = subnet("subnet-ep", "vpc-a", "10.0.3.0/24", "us-east-1b");
  const second = subnet("subnet-second", "vpc-a", "172.16.5.0/24", "us-east-1c");
  const bSub = subnet("subnet-b", "vpc-b", "10.1.1.0/24");

  const web = eni("eni-0eb1", pub, "10.0.1.10", { securityGroupIds: ["sg-app"], publicIp: "54.1.1.10", instanceId: "i-0eb1" });
  const app = eni("eni-0a11", priv, "10.0.2.10", { securityGroupIds: ["sg-app"], instanceId: "i-0a11" });
  const app2 = eni("eni-0a22", priv, "10.0.2.11", { securityGroupIds: ["sg-app"], instanceId: "i-0a22" });
  const sec = eni("eni-05ec", second, "172.16.5.10", { securityGroupIds: ["sg-app"], instanceId: "i-05ec" });
  const natEni = eni("eni-nat", pub, "10.0.1.5", { interfaceType: "nat_gateway", publicIp: "3.3.3.3" });
  const epEni = eni("eni-ep", epSub, "10.0.3.20", { securityGroupIds: ["sg-ep"], interfaceType: "vpc_endpoint" });
  const nbEni = eni("eni-nb", priv, "10.0.2.50", { securityGroupIds: ["sg-app"], interfaceType: "sagemaker" });
  const nbDirectEni = eni("eni-nbd", priv, "10.0.2.51", { securityGroupIds: ["sg-app"], interfaceType: "sagemaker" });
  const peerEni = eni("eni-0b11", bSub, "10.1.1.10", { securityGroupIds: ["sg-b"], instanceId: "i-0b11" });

  const parts: Required<ModelParts> = {
    vpcs: [vpcA, vpcB],
    subnets: [pub, priv, epSub, second, bSub],
    routeTables: [
      routeTable("rtb-main-a", vpcA, { main: true }),
      routeTable("rtb-pub", vpcA, { subnetIds: ["subnet-pub"], routes: [route("0.0.0.0/0", { kind: "igw", id: "igw-a" }), route("pl-s3", { kind: "gateway-endpoint", id: "vpce-s3" }), route("10.1.0.0/16", { kind: "peering", id: "pcx-ab" })] }),
      routeTable("rtb-priv", vpcA, { subnetIds: ["subnet-priv", "subnet-second"], routes: [route("0.0.0.0/0", { kind: "nat", id: "nat-a" }), route("pl-s3", { kind: "gateway-endpoint", id: "vpce-s3" }), route("10.1.0.0/16", { kind: "peering", id: "pcx-ab" })] }),
      routeTable("rtb-main-b", vpcB, { main: true, routes: [route("10.0.0.0/16", { kind: "peering", id: "pcx-ab" })] }),
    ],
    internetGateways: [internetGateway("igw-a", ["vpc-a"])],
    natGateways: [natGateway("nat-a", "vpc-a", "subnet-pub", { privateIp: "10.0.1.5", eniId: "eni-nat", publicIp: "3.3.3.3" })],
    vpcEndpoints: [
      gatewayEndpoint("vpce-s3", "vpc-a", "com.amazonaws.us-east-1.s3", ["rtb-pub", "rtb-priv"]),
      interfaceEndpoint("vpce-rt", "vpc-a", "com.amazonaws.us-east-1.sagemaker.runtime", [epEni]),
    ],
    securityGroups: [
      securityGroup("sg-app", "vpc-a", [sgRule("sg-app", "ingress", "tcp", "sg-app", [22, 22])], [sgRule("sg-app", "egress", "all", "0.0.0.0/0")]),
      securityGroup("sg-ep", "vpc-a", [sgRule("sg-ep", "ingress", "tcp", "10.0.0.0/16", [443, 443])], [sgRule("sg-ep", "egress", "all", "0.0.0.0/0")]),
      securityGroup("sg-b", "vpc-b", [sgRule("sg-b", "ingress", "tcp", "10.0.0.0/16", [443, 443])], [sgRule("sg-b", "egress", "all", "0.0.0.0/0")]),
    ],
    networkAcls: [
      networkAcl("acl-a", "vpc-a", { isDefault: true, entries: allowAllEntries() }),
      networkAcl("acl-b", "vpc-b", { isDefault: true, entries: allowAllEntries() }),
    ],
    networkInterfaces: [web, app, app2, sec, natEni, epEni, nbEni, nbDirectEni, peerEni],
    instances: [instance("i-0eb1", web), instance("i-0a11", app), instance("i-0a22", app2), instance("i-05ec", sec), instance("i-0b11", peerEni)],
    elasticIps: [],
    prefixLists: [prefixList("pl-s3", "com.amazonaws.us-east-1.s3", S3_CIDRS)],
    vpcPeeringConnections: [peering("pcx-ab", vpcA, vpcB)],
    notebooks: [notebook("nb-private", nbEni, false), notebook("nb-direct", nbDirectEni, true)],
    blockPublicAccessOptions: [],
    blockPublicAccessExclusions: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayRouteTables: [],
    hostedZones: [],
  };
  tweak(parts);
  return assembleModel(parts);
}

/**
 * A change to `hub`: a spoke subnet of VPC A (subnet-spoke, us-east-1b, instance i-0s11 at
 * 10.0.4.10) whose table sends everything to tgw-1, and tgw-1's static 0.0.0.0/0 back to att-a, the
 * attachment it came from. Its S3 traffic comes back into VPC A by subnet-priv, whose table sends it
 * to the gateway endpoint vpce-s3, and its internet traffic on to nat-a (fuzz seed 2 run 1653).
 */
export function hairpinThroughTgw(p: Required<ModelParts>): void {
  const spoke = subnet("subnet-spoke", "vpc-a", "10.0.4.0/24", "us-east-1b");
  const spokeEni = eni("eni-0s11", spoke, "10.0.4.10", { securityGroupIds: ["sg-app"], instanceId: "i-0s11" });
  p.subnets.push(spoke);
  p.networkInterfaces.push(spokeEni);
  p.instances.push(instance("i-0s11", spokeEni));
  p.routeTables.push(routeTable("rtb-spoke", p.vpcs[0]!, { subnetIds: ["subnet-spoke"], routes: [route("0.0.0.0/0", TGW)] }));
  p.transitGatewayRouteTables[0]!.routes.push({ destination: { kind: "cidr", cidr: "0.0.0.0/0" }, type: "static", state: "active", attachmentIds: ["att-a"] });
}

/**
 * `hairpinThroughTgw`, and the traffic to VPC B too comes back into VPC A (a static route in tgw-1's
 * table beats B's propagation), whose subnet-priv sends it on by the peering pcx-ab, and B answers
 * by the peering.
 */
export function hairpinOnByPeering(p: Required<ModelParts>): void {
  hairpinThroughTgw(p);
  p.transitGatewayRouteTables[0]!.routes.push({ destination: { kind: "cidr", cidr: "10.1.0.0/16" }, type: "static", state: "active", attachmentIds: ["att-a"] });
  const peered = (id: string, cidr: string) => {
    const table = p.routeTables.find((t) => t.id === id)!;
    table.routes = [...table.routes.filter((r) => r.destination.kind !== "cidr" || r.destination.cidr !== cidr), route(cidr, { kind: "peering", id: "pcx-ab" })];
  };
  peered("rtb-priv", "10.1.0.0/16");
  peered("rtb-main-b", "10.0.0.0/16");
}

/**
 * A change to `hub`: VPC C (vpc-c, 10.0.0.0/16, the CIDR of VPC A) attached to tgw-1 by att-c
 * (subnet-c, us-east-1b, instance i-0c11 at 10.0.2.10, the address of A's i-0a11), its table
 * sending 10.1.0.0/16 to tgw-1; tgw-rtb-1 given as static routes (none) and the propagations of
 * att-a, att-b and att-c, in that order (`reversed`: att-c's first). AWS propagates only the VPC
 * attached first, which no describe output here says.
 */
export function overlappingSpoke(reversed = false): (p: Required<ModelParts>) => void {
  return (p) => {
    const c = vpc("vpc-c", ["10.0.0.0/16"]);
    const cSub = subnet("subnet-c", "vpc-c", "10.0.2.0/24", "us-east-1b");
    const cEni = eni("eni-0c11", cSub, "10.0.2.10", { securityGroupIds: ["sg-c"], instanceId: "i-0c11" });
    p.vpcs.push(c);
    p.subnets.push(cSub);
    p.networkInterfaces.push(cEni);
    p.instances.push(instance("i-0c11", cEni));
    p.securityGroups.push(securityGroup("sg-c", "vpc-c", [], [sgRule("sg-c", "egress", "all", "0.0.0.0/0")]));
    p.networkAcls.push(networkAcl("acl-c", "vpc-c", { isDefault: true, entries: allowAllEntries() }));
    p.routeTables.push(routeTable("rtb-c", c, { main: true, routes: [route("10.1.0.0/16", TGW)] }));
    p.transitGatewayAttachments.push(attachment("att-c", "vpc-c", ["subnet-c"]));
    const table = p.transitGatewayRouteTables[0]!;
    table.routesGiven = "static";
    table.routes = [];
    const propagation = (id: string, vpcId: string) => ({ attachmentId: id, resourceType: "vpc", resourceId: vpcId, state: "enabled" });
    table.propagations = [propagation("att-a", "vpc-a"), propagation("att-b", "vpc-b"), propagation("att-c", "vpc-c")];
    if (reversed) table.propagations.reverse();
  };
}

const base = (id: string) => ({ id, scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } });
/** The route target of `hub`'s transit gateway. */
export const TGW: Route["target"] = { kind: "transit-gateway", id: "tgw-1" };

function attachment(id: string, vpcId: string, subnetIds: string[]): TransitGatewayAttachment {
  return { ...base(id), transitGatewayId: "tgw-1", resourceType: "vpc", resourceId: vpcId, resourceOwnerId: undefined, state: "available", subnetIds, associations: [{ transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", state: "associated" }], applianceModeSupport: "disable" };
}

function propagated(cidr: string, attachmentId: string): TransitGatewayRoute {
  return { destination: { kind: "cidr", cidr }, type: "propagated", state: "active", attachmentIds: [attachmentId] };
}

/**
 * The world with A's private subnet and B routing to each other through tgw-1 (A attached by subnet-priv, B by
 * subnet-b), all propagated into one transit gateway route table.
 *
 * @param tweak - changes the parts before the model is assembled
 */
export function hub(tweak: (p: Required<ModelParts>) => void = () => {}): Model {
  return world((p) => {
    const tables = new Map(p.routeTables.map((t) => [t.id, t]));
    tables.get("rtb-priv")!.routes = tables.get("rtb-priv")!.routes.map((r) => (r.target.kind === "peering" ? route("10.1.0.0/16", TGW) : r));
    tables.get("rtb-main-b")!.routes = tables.get("rtb-main-b")!.routes.map((r) => (r.target.kind === "peering" ? route("10.0.0.0/16", TGW) : r));
    p.transitGateways.push({ ...base("tgw-1"), state: "available", ownerId: undefined, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined });
    p.transitGatewayAttachments.push(attachment("att-a", "vpc-a", ["subnet-priv"]), attachment("att-b", "vpc-b", ["subnet-b"]));
    p.transitGatewayRouteTables.push({
      ...base("tgw-rtb-1"), transitGatewayId: "tgw-1", state: "available", routesGiven: "all", routesTruncated: false, propagations: [],
      routes: [propagated("10.0.0.0/16", "att-a"), propagated("172.16.0.0/16", "att-a"), propagated("10.1.0.0/16", "att-b")],
    });
    tweak(p);
  });
}
