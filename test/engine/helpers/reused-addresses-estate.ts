/**
 * An estate that reuses notebook addresses (src/engine/reused-addresses.ts). VPCs A, C and D are all
 * 10.0.0.0/16 with a notebook subnet 10.0.1.0/24; A and the egress VPC E are joined by transit
 * gateway tgw-1, C and D by nothing.
 *
 * - A: nb-a1 … nb-a4 (10.0.1.10 … .13, group sg-nb-a), a default route to tgw-1, and a SageMaker API
 *   endpoint whose group admits only sg-nb-d: a cross-VPC group reference.
 * - E: tgw-1 sends 0.0.0.0/0 there and E sends it straight to its internet gateway; nb-e1 holds
 *   10.0.1.12 (nb-a3's address) with public IP 54.0.0.12.
 * - C: nb-c1 holds 10.0.1.10 (nb-a1's), nb-c2 10.0.1.20; nothing references sg-nb-c.
 * - D: nb-d1 holds 10.0.1.11 (nb-a2's), nb-d2 10.0.1.21; A's endpoint group references sg-nb-d.
 *
 * So the engine tells nb-a2 apart (the endpoint admits its address, a member of sg-nb-d through
 * nb-d1) and nb-a3 (E gives its address a public IP where tgw-1 takes its traffic) from nb-a1 and
 * nb-a4, while nb-a1's, nb-c1's and nb-d1's addresses meet nothing of the other holder.
 */
import type { Model, Route, TransitGatewayAttachment, TransitGatewayRoute } from "../../../src/model/types.js";
import {
  allowAllEntries,
  assembleModel,
  eni,
  interfaceEndpoint,
  internetGateway,
  networkAcl,
  notebook,
  prefixList,
  route,
  routeTable,
  SCOPE,
  securityGroup,
  sgRule,
  subnet,
  vpc,
  type ModelParts,
} from "../../generators/model-builder.js";

const TGW: Route["target"] = { kind: "transit-gateway", id: "tgw-1" };
const base = (id: string) => ({ id, scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } });

function attachment(id: string, vpcId: string, subnetIds: string[]): TransitGatewayAttachment {
  return { ...base(id), transitGatewayId: "tgw-1", resourceType: "vpc", resourceId: vpcId, resourceOwnerId: undefined, state: "available", subnetIds, associations: [{ transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", state: "associated" }] };
}

function tgwRoute(cidr: string, attachmentId: string, type: TransitGatewayRoute["type"]): TransitGatewayRoute {
  return { destination: { kind: "cidr", cidr }, type, state: "active", attachmentIds: [attachmentId] };
}

/**
 * Builds the estate.
 *
 * @param tweak - changes the parts before the model is assembled
 */
export function reusedAddressEstate(tweak: (parts: Required<ModelParts>) => void = () => {}): Model {
  const [a, c, d] = ["vpc-a", "vpc-c", "vpc-d"].map((id) => vpc(id, ["10.0.0.0/16"])) as [ReturnType<typeof vpc>, ReturnType<typeof vpc>, ReturnType<typeof vpc>];
  const e = vpc("vpc-e", ["10.200.0.0/16"]);
  const subnetA = subnet("subnet-a", "vpc-a", "10.0.1.0/24");
  const subnetAEp = subnet("subnet-a-ep", "vpc-a", "10.0.9.0/24");
  const subnetC = subnet("subnet-c", "vpc-c", "10.0.1.0/24");
  const subnetD = subnet("subnet-d", "vpc-d", "10.0.1.0/24");
  const subnetETgw = subnet("subnet-e-tgw", "vpc-e", "10.200.0.0/24");
  const subnetENb = subnet("subnet-e-nb", "vpc-e", "10.200.1.0/24");
  const notebookEnis = [
    eni("eni-a1", subnetA, "10.0.1.10", { securityGroupIds: ["sg-nb-a"] }),
    eni("eni-a2", subnetA, "10.0.1.11", { securityGroupIds: ["sg-nb-a"] }),
    eni("eni-a3", subnetA, "10.0.1.12", { securityGroupIds: ["sg-nb-a"] }),
    eni("eni-a4", subnetA, "10.0.1.13", { securityGroupIds: ["sg-nb-a"] }),
    eni("eni-c1", subnetC, "10.0.1.10", { securityGroupIds: ["sg-nb-c"] }),
    eni("eni-c2", subnetC, "10.0.1.20", { securityGroupIds: ["sg-nb-c"] }),
    eni("eni-d1", subnetD, "10.0.1.11", { securityGroupIds: ["sg-nb-d"] }),
    eni("eni-d2", subnetD, "10.0.1.21", { securityGroupIds: ["sg-nb-d"] }),
    eni("eni-e1", subnetENb, "10.0.1.12", { securityGroupIds: ["sg-nb-e"], publicIp: "54.0.0.12" }),
  ];
  const endpointEni = eni("eni-ep-a", subnetAEp, "10.0.9.20", { securityGroupIds: ["sg-ep-a"], interfaceType: "vpc_endpoint" });
  const egressAll = (id: string) => [sgRule(id, "egress", "all", "0.0.0.0/0")];
  const parts: Required<ModelParts> = {
    vpcs: [a, c, d, e],
    subnets: [subnetA, subnetAEp, subnetC, subnetD, subnetETgw, subnetENb],
    routeTables: [
      routeTable("rtb-a", a, { subnetIds: ["subnet-a", "subnet-a-ep"], routes: [route("0.0.0.0/0", TGW)] }),
      routeTable("rtb-c", c, { main: true }),
      routeTable("rtb-d", d, { main: true }),
      routeTable("rtb-e", e, { main: true, routes: [route("0.0.0.0/0", { kind: "igw", id: "igw-e" }), route("10.0.0.0/16", TGW)] }),
    ],
    internetGateways: [internetGateway("igw-e", ["vpc-e"])],
    natGateways: [],
    vpcEndpoints: [interfaceEndpoint("vpce-api", "vpc-a", "com.amazonaws.us-east-1.sagemaker.api", [endpointEni])],
    securityGroups: [
      ...["sg-nb-a", "sg-nb-c", "sg-nb-d", "sg-nb-e"].map((id) => securityGroup(id, `vpc-${id.slice(-1)}`, [], egressAll(id))),
      securityGroup("sg-ep-a", "vpc-a", [sgRule("sg-ep-a", "ingress", "tcp", "sg-nb-d", [443, 443])], egressAll("sg-ep-a")),
    ],
    networkAcls: ["a", "c", "d", "e"].map((x) => networkAcl(`acl-${x}`, `vpc-${x}`, { isDefault: true, entries: allowAllEntries() })),
    networkInterfaces: [...notebookEnis, endpointEni],
    instances: [],
    elasticIps: [],
    prefixLists: [prefixList("pl-s3", "com.amazonaws.us-east-1.s3", ["52.216.0.0/15"])],
    vpcPeeringConnections: [],
    notebooks: notebookEnis.map((record) => notebook(record.id.replace("eni-", "nb-"), record, false)),
    blockPublicAccessOptions: [],
    blockPublicAccessExclusions: [],
    transitGateways: [{ ...base("tgw-1"), state: "available", ownerId: undefined, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined }],
    transitGatewayAttachments: [attachment("att-a", "vpc-a", ["subnet-a"]), attachment("att-e", "vpc-e", ["subnet-e-tgw"])],
    transitGatewayRouteTables: [
      {
        ...base("tgw-rtb-1"), transitGatewayId: "tgw-1", state: "available", routesGiven: "all", routesTruncated: false, propagations: [],
        routes: [tgwRoute("0.0.0.0/0", "att-e", "static"), tgwRoute("10.0.0.0/16", "att-a", "propagated"), tgwRoute("10.200.0.0/16", "att-e", "propagated")],
      },
    ],
    hostedZones: [],
  };
  tweak(parts);
  return assembleModel(parts);
}
