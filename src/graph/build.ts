/**
 * The reachability graph: one node per network component of the model (notebooks, instances, ENIs,
 * subnets, route tables, VPCs, internet and egress-only gateways, NAT gateways, gateway and interface
 * endpoints, peering connections, transit gateways) plus sinks (`internet`, `service:<name>`,
 * `sagemaker-managed-network`), and an edge wherever configuration connects two of them, labelled
 * with what creates it (association, route, attachment). The engine uses it for topology questions
 * ("is there any path at all?"); the diagrams draw it. Built once per model.
 */
import { createRequire } from "node:module";
import type { DirectedGraph } from "graphology";
import type { ModelIndex } from "../model/indexes.js";
import type { Model, RouteTarget } from "../model/types.js";

export type NodeKind =
  | "notebook"
  | "instance"
  | "network-interface"
  | "subnet"
  | "route-table"
  | "vpc"
  | "internet-gateway"
  | "egress-only-internet-gateway"
  | "nat-gateway"
  | "gateway-endpoint"
  | "interface-endpoint"
  | "vpc-peering-connection"
  | "transit-gateway"
  | "internet"
  | "aws-service"
  | "sagemaker-managed-network"
  | "other";

export interface NodeAttributes {
  kind: NodeKind;
  label: string;
  vpcId?: string;
  region?: string;
}

export interface EdgeAttributes {
  kind: "association" | "route" | "attachment";
  label: string;
}

export type ReachGraph = DirectedGraph<NodeAttributes, EdgeAttributes>;

/**
 * graphology, required when the first graph is built rather than imported: most queries never build
 * one (see ../engine/context.ts), and loading it costs a one-shot `vpcreach query` several
 * milliseconds. Synchronous because the analyzer's `graph` getter is.
 */
const requireGraphology = (): typeof import("graphology") => createRequire(import.meta.url)("graphology") as typeof import("graphology");

export const INTERNET_NODE = "internet";
export const MANAGED_NETWORK_NODE = "sagemaker-managed-network";

/**
 * The sink node id of an AWS service, e.g. `service:s3`, `service:sagemaker.api`.
 *
 * @param service - the short service name
 */
export function serviceNode(service: string): string {
  return `service:${service}`;
}

/**
 * The short service name of `com.amazonaws.<region>.<service>` (the input when not of that form).
 *
 * @param serviceName - the endpoint service name
 */
export function shortServiceName(serviceName: string): string {
  const m = /^(?:aws\.sagemaker|com\.amazonaws)\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
  return m ? (m[1] as string) : serviceName;
}

function targetKind(target: RouteTarget): NodeKind {
  switch (target.kind) {
    case "igw":
      return "internet-gateway";
    case "egress-only-igw":
      return "egress-only-internet-gateway";
    case "nat":
      return "nat-gateway";
    case "gateway-endpoint":
      return "gateway-endpoint";
    case "peering":
      return "vpc-peering-connection";
    case "transit-gateway":
      return "transit-gateway";
    case "network-interface":
      return "network-interface";
    case "instance":
      return "instance";
    default:
      return "other";
  }
}

/**
 * Builds the graph.
 *
 * @param model - the model
 * @param index - its lookups
 */
export function buildGraph(model: Model, index: ModelIndex): ReachGraph {
  const g: ReachGraph = new (requireGraphology().DirectedGraph)<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false, multi: false });
  const node = (id: string, attrs: NodeAttributes): void => {
    if (!g.hasNode(id)) g.addNode(id, attrs);
  };
  const edge = (from: string, to: string, attrs: EdgeAttributes): void => {
    if (from !== to && g.hasNode(from) && g.hasNode(to) && !g.hasEdge(from, to)) g.addEdge(from, to, attrs);
  };
  node(INTERNET_NODE, { kind: "internet", label: "internet" });
  node(MANAGED_NETWORK_NODE, { kind: "sagemaker-managed-network", label: "SageMaker-managed network" });
  edge(MANAGED_NETWORK_NODE, INTERNET_NODE, { kind: "attachment", label: "managed internet access" });

  for (const vpc of model.vpcs.values()) node(vpc.id, { kind: "vpc", label: vpc.name ?? vpc.id, vpcId: vpc.id, region: vpc.scope.region });
  for (const s of model.subnets.values()) {
    node(s.id, { kind: "subnet", label: s.name ?? s.id, vpcId: s.vpcId, region: s.scope.region });
    node(s.vpcId, { kind: "vpc", label: s.vpcId, vpcId: s.vpcId });
    edge(s.id, s.vpcId, { kind: "attachment", label: "subnet of" });
    edge(s.vpcId, s.id, { kind: "route", label: "local" });
  }
  for (const igw of model.internetGateways.values()) {
    node(igw.id, { kind: "internet-gateway", label: igw.name ?? igw.id });
    for (const vpcId of igw.attachedVpcIds) {
      edge(vpcId, igw.id, { kind: "attachment", label: "attached" });
      edge(igw.id, vpcId, { kind: "attachment", label: "attached" });
    }
    edge(igw.id, INTERNET_NODE, { kind: "attachment", label: "internet" });
    edge(INTERNET_NODE, igw.id, { kind: "attachment", label: "internet" });
  }
  for (const eigw of model.egressOnlyInternetGateways.values()) node(eigw.id, { kind: "egress-only-internet-gateway", label: eigw.name ?? eigw.id });
  for (const nat of model.natGateways.values()) {
    node(nat.id, { kind: "nat-gateway", label: nat.name ?? nat.id, vpcId: nat.vpcId });
    if (nat.subnetId) edge(nat.id, nat.subnetId, { kind: "attachment", label: "in subnet" });
  }
  for (const pcx of model.vpcPeeringConnections.values()) {
    node(pcx.id, { kind: "vpc-peering-connection", label: pcx.name ?? pcx.id });
    for (const side of [pcx.requester, pcx.accepter]) if (g.hasNode(side.vpcId)) edge(pcx.id, side.vpcId, { kind: "attachment", label: pcx.status });
  }
  for (const tgw of model.transitGateways.values()) node(tgw.id, { kind: "transit-gateway", label: tgw.name ?? tgw.id });
  for (const e of model.vpcEndpoints.values()) {
    const service = shortServiceName(e.serviceName);
    node(serviceNode(service), { kind: "aws-service", label: service });
    const kind: NodeKind = e.type === "Gateway" ? "gateway-endpoint" : e.type === "Interface" ? "interface-endpoint" : "other";
    node(e.id, { kind, label: e.name ?? `${e.id} (${service})`, vpcId: e.vpcId });
    edge(e.id, serviceNode(service), { kind: "attachment", label: e.type });
    if (kind === "interface-endpoint") for (const subnetId of e.subnetIds) edge(subnetId, e.id, { kind: "attachment", label: "endpoint ENI" });
  }
  for (const table of model.routeTables.values()) {
    node(table.id, { kind: "route-table", label: table.name ?? table.id, vpcId: table.vpcId });
    for (const subnet of index.subnetsUsingRouteTable(table.id)) {
      edge(subnet.id, table.id, { kind: "association", label: table.subnetIds.includes(subnet.id) ? "explicit" : "main" });
    }
    for (const route of table.routes) {
      const t = route.target;
      if (t.kind === "local") {
        edge(table.id, table.vpcId, { kind: "route", label: "local" });
        continue;
      }
      node(t.id, { kind: targetKind(t), label: t.id });
      const dest = route.destination.kind === "prefix-list" ? route.destination.prefixListId : route.destination.cidr;
      edge(table.id, t.id, { kind: "route", label: `${dest}${route.state === "blackhole" ? " (blackhole)" : ""}` });
      if (t.kind === "peering") {
        const pcx = model.vpcPeeringConnections.get(t.id);
        for (const side of pcx ? [pcx.requester, pcx.accepter] : []) if (side.vpcId !== table.vpcId && g.hasNode(side.vpcId)) edge(t.id, side.vpcId, { kind: "attachment", label: "peer" });
      }
    }
  }
  for (const eni of model.networkInterfaces.values()) {
    node(eni.id, { kind: "network-interface", label: eni.name ?? eni.id, vpcId: eni.vpcId });
    edge(eni.id, eni.subnetId, { kind: "attachment", label: "in subnet" });
    edge(eni.subnetId, eni.id, { kind: "attachment", label: "local" });
    const endpoint = index.endpointOfInterface(eni.id);
    if (endpoint) edge(eni.id, endpoint.id, { kind: "attachment", label: "endpoint ENI" });
  }
  for (const i of model.instances.values()) {
    node(i.id, { kind: "instance", label: i.name ?? i.id, vpcId: i.vpcId });
    for (const eniId of i.networkInterfaceIds) edge(i.id, eniId, { kind: "attachment", label: "attached" });
    if (i.networkInterfaceIds.length === 0 && i.subnetId) edge(i.id, i.subnetId, { kind: "attachment", label: "in subnet" });
  }
  for (const nb of model.notebooks.values()) {
    const id = `notebook/${nb.id}`;
    node(id, { kind: "notebook", label: nb.id });
    if (nb.networkInterfaceId && g.hasNode(nb.networkInterfaceId)) edge(id, nb.networkInterfaceId, { kind: "attachment", label: "notebook ENI" });
    else if (nb.subnetId) edge(id, nb.subnetId, { kind: "attachment", label: "in subnet" });
    if (nb.directInternetAccess) edge(id, MANAGED_NETWORK_NODE, { kind: "attachment", label: "direct internet access" });
  }
  return g;
}
