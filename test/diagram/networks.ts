/**
 * Networks built by hand for the diagram tests: a two-AZ SageMaker VPC (public subnets with NAT
 * gateways, private subnets with notebooks, an S3 gateway endpoint, a SageMaker API interface
 * endpoint), the same with hostile tags on everything, and a synthetic estate of many subnets.
 */
import type { Model } from "../../src/model/types.js";
import {
  assembleModel,
  eni,
  gatewayEndpoint,
  instance,
  interfaceEndpoint,
  internetGateway,
  natGateway,
  notebook,
  peering,
  prefixList,
  route,
  routeTable,
  subnet,
  vpc,
} from "../generators/model-builder.js";

export const IDS = {
  vpc: "vpc-0aaa",
  igw: "igw-0aaa",
  publicA: "subnet-0pa",
  publicB: "subnet-0pb",
  privateA: "subnet-0qa",
  privateB: "subnet-0qb",
  natA: "nat-0aaa",
  natB: "nat-0bbb",
  s3Endpoint: "vpce-0s3",
  apiEndpoint: "vpce-0api",
  notebook: "research",
  notebookEni: "eni-0nb",
  instance: "i-0web",
  privateRtbA: "rtb-0qa",
  privateRtbB: "rtb-0qb",
  publicRtb: "rtb-0pub",
  s3PrefixList: "pl-63a5400a",
} as const;

/**
 * The two-AZ SageMaker VPC. `name` decorates every Name tag (for the hostile variant).
 *
 * @param name - returns the Name tag for a resource id (undefined for none)
 */
export function sagemakerVpc(name: (id: string) => string | undefined = () => undefined): Model {
  const named = <T extends { id: string; name: string | undefined; tags: Record<string, string> }>(record: T): T => {
    const value = name(record.id);
    return value === undefined ? record : { ...record, name: value, tags: { ...record.tags, Name: value } };
  };
  const v = named(vpc(IDS.vpc, ["10.0.0.0/16"]));
  const publicA = named(subnet(IDS.publicA, v.id, "10.0.0.0/24", "us-east-1a"));
  const publicB = named(subnet(IDS.publicB, v.id, "10.0.1.0/24", "us-east-1b"));
  const privateA = named(subnet(IDS.privateA, v.id, "10.0.16.0/20", "us-east-1a"));
  const privateB = named(subnet(IDS.privateB, v.id, "10.0.32.0/20", "us-east-1b"));
  const natEniA = eni("eni-0nata", publicA, "10.0.0.10", { interfaceType: "nat_gateway" });
  const natEniB = eni("eni-0natb", publicB, "10.0.1.10", { interfaceType: "nat_gateway" });
  const nbEni = eni(IDS.notebookEni, privateA, "10.0.16.5", { securityGroupIds: ["sg-0nb"] });
  const webEni = eni("eni-0web", publicA, "10.0.0.20", { publicIp: "3.3.3.3", instanceId: IDS.instance });
  const apiEniA = eni("eni-0apia", privateA, "10.0.16.100", { interfaceType: "vpc_endpoint" });
  const apiEniB = eni("eni-0apib", privateB, "10.0.32.100", { interfaceType: "vpc_endpoint" });
  const nb = named(notebook(IDS.notebook, nbEni, false));
  return assembleModel({
    vpcs: [v],
    subnets: [publicA, publicB, privateA, privateB],
    internetGateways: [named(internetGateway(IDS.igw, [v.id]))],
    natGateways: [
      named(natGateway(IDS.natA, v.id, publicA.id, { privateIp: "10.0.0.10", eniId: natEniA.id, publicIp: "52.0.0.1" })),
      named(natGateway(IDS.natB, v.id, publicB.id, { privateIp: "10.0.1.10", eniId: natEniB.id, publicIp: "52.0.0.2" })),
    ],
    routeTables: [
      named(routeTable("rtb-0main", v, { main: true })),
      named(routeTable(IDS.publicRtb, v, { subnetIds: [publicA.id, publicB.id], routes: [route("0.0.0.0/0", { kind: "igw", id: IDS.igw })] })),
      named(routeTable(IDS.privateRtbA, v, { subnetIds: [privateA.id], routes: [route("0.0.0.0/0", { kind: "nat", id: IDS.natA }), route(IDS.s3PrefixList, { kind: "gateway-endpoint", id: IDS.s3Endpoint })] })),
      named(routeTable(IDS.privateRtbB, v, { subnetIds: [privateB.id], routes: [route("0.0.0.0/0", { kind: "nat", id: IDS.natB }), route(IDS.s3PrefixList, { kind: "gateway-endpoint", id: IDS.s3Endpoint })] })),
    ],
    vpcEndpoints: [
      named(gatewayEndpoint(IDS.s3Endpoint, v.id, "com.amazonaws.us-east-1.s3", [IDS.privateRtbA, IDS.privateRtbB])),
      named(interfaceEndpoint(IDS.apiEndpoint, v.id, "com.amazonaws.us-east-1.sagemaker.api", [apiEniA, apiEniB])),
    ],
    prefixLists: [prefixList(IDS.s3PrefixList, "com.amazonaws.us-east-1.s3", ["52.216.0.0/15"])],
    networkInterfaces: [natEniA, natEniB, nbEni, webEni, apiEniA, apiEniB],
    instances: [named(instance(IDS.instance, webEni))],
    notebooks: [nb],
  });
}

/** Tag values an attacker (or a careless colleague) could put in an account. */
export const HOSTILE_NAMES = [
  '"><script>alert(1)</script>',
  "end",
  "subgraph x\nend\nclick a call alert()",
  "a%%{init: {'securityLevel':'loose'}}%%b",
  "style x fill:#f00;",
  "classDef y color:#fff;",
  "`**bold**` [brackets] (parens) {braces} |pipe| #35; &amp; ;",
  "<img src=x onerror=alert(2)>",
  "line1\r\nline2\ttab\u202Eevil\u0000",
  "x".repeat(500),
  "ﬂ°lt¶ß fake entity",
] as const;

/** The SageMaker VPC with a hostile Name tag on every resource (cycling through HOSTILE_NAMES). */
export function hostileVpc(): Model {
  let n = 0;
  return sagemakerVpc(() => HOSTILE_NAMES[n++ % HOSTILE_NAMES.length]);
}

/**
 * A VPC with `count` private subnets spread over three AZs, all using one route table to a NAT
 * gateway, plus one public subnet per AZ.
 *
 * @param count - the number of private subnets
 */
export function manySubnets(count: number): Model {
  const v = vpc("vpc-0big", ["10.0.0.0/8"]);
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  const publics = zones.map((zone, i) => subnet(`subnet-pub${i}`, v.id, `10.255.${i}.0/24`, zone));
  const privates = Array.from({ length: count }, (_, i) => subnet(`subnet-p${String(i).padStart(5, "0")}`, v.id, `10.${Math.floor(i / 256)}.${i % 256}.0/24`, zones[i % 3]));
  const natEni = eni("eni-0bignat", publics[0]!, "10.255.0.10", { interfaceType: "nat_gateway" });
  // An ENI that belongs to no instance or notebook (e.g. a Lambda function's), in subnet-p00007.
  const lonely = eni("eni-0lonely", privates[7] ?? publics[0]!, "10.0.7.10");
  return assembleModel({
    vpcs: [v],
    subnets: [...publics, ...privates],
    internetGateways: [internetGateway("igw-0big", [v.id])],
    natGateways: [natGateway("nat-0big", v.id, publics[0]!.id, { privateIp: "10.255.0.10", eniId: natEni.id, publicIp: "52.0.0.9" })],
    routeTables: [
      routeTable("rtb-0bigmain", v, { main: true, routes: [route("0.0.0.0/0", { kind: "nat", id: "nat-0big" })] }),
      routeTable("rtb-0bigpub", v, { subnetIds: publics.map((s) => s.id), routes: [route("0.0.0.0/0", { kind: "igw", id: "igw-0big" })] }),
    ],
    networkInterfaces: [natEni, lonely],
  });
}

/**
 * The SageMaker VPC peered with a data VPC (10.1.0.0/16) that holds a database instance; the private
 * route table of AZ a routes 10.1.0.0/16 to the peering connection.
 */
export function peeredVpcs(): Model {
  const base = sagemakerVpc();
  const mine = base.vpcs.get(IDS.vpc)!;
  const data = vpc("vpc-0data", ["10.1.0.0/16"]);
  const dataSubnet = subnet("subnet-0data", data.id, "10.1.1.0/24", "us-east-1a");
  const dbEni = eni("eni-0db", dataSubnet, "10.1.1.50", { instanceId: "i-0db" });
  const pcx = peering("pcx-0peer", mine, data);
  const routeTables = [...base.routeTables.values()].map((table) =>
    table.id === IDS.privateRtbA ? { ...table, routes: [...table.routes, route("10.1.0.0/16", { kind: "peering", id: pcx.id })] } : table,
  );
  return {
    ...base,
    vpcs: new Map([...base.vpcs, [data.id, data]]),
    subnets: new Map([...base.subnets, [dataSubnet.id, dataSubnet]]),
    routeTables: new Map([...routeTables.map((t) => [t.id, t] as const), ["rtb-0data", routeTable("rtb-0data", data, { main: true, routes: [route("10.0.0.0/16", { kind: "peering", id: pcx.id })] })]]),
    networkInterfaces: new Map([...base.networkInterfaces, [dbEni.id, dbEni]]),
    instances: new Map([...base.instances, ["i-0db", instance("i-0db", dbEni)]]),
    vpcPeeringConnections: new Map([[pcx.id, pcx]]),
  };
}
