/**
 * Where each notebook's traffic goes, and what that costs per GB, decided by the engine's verdicts:
 * bytes that reach S3 through a gateway endpoint pay nothing, bytes through a NAT gateway pay NAT
 * processing (both directions) plus cross-AZ transfer when the NAT sits in another AZ, bytes through
 * an interface endpoint count towards the Region's PrivateLink tiers (no cross-AZ charge), and bytes
 * sent to the internet count towards data transfer out. Bytes that cross a transit gateway first (a spoke
 * sending to a centralized egress VPC or to endpoints in a shared-services VPC) also pay the transit
 * gateway's data processing once, on the spoke's attachment, and then what their exit charges: NAT
 * processing behind a centralized NAT, PrivateLink processing at a shared endpoint. A spoke's own gateway
 * endpoint is reached without the transit gateway and pays nothing.
 *
 * AWS pages modelled: https://aws.amazon.com/vpc/pricing/ (NAT processing),
 * https://aws.amazon.com/privatelink/pricing/, https://aws.amazon.com/ec2/pricing/on-demand/,
 * https://aws.amazon.com/transit-gateway/pricing/ ("for each gigabyte sent from a VPC … to the Transit Gateway").
 */
import type { Analyzer } from "../engine/index.js";
import type { Answer, ComponentType } from "../engine/verdict.js";
import type { ModelIndex } from "../model/indexes.js";
import type { Notebook } from "../model/types.js";
import { crossAzCharge, perGbCharge } from "./arithmetic.js";
import type { FigureLog } from "./fixed-costs.js";
import { optionalFigure, type RegionPrices } from "./price-table.js";
import { destinationOfTrafficKey, type NotebookVolumes } from "./traffic.js";
import type { TrafficFlow, TrafficRoute } from "./types.js";

/** The hop types that decide how traffic leaves the VPC, and the route each stands for. */
const EXIT_HOPS: ReadonlyMap<ComponentType, TrafficRoute> = new Map<ComponentType, TrafficRoute>([
  ["sagemaker-managed-network", "sagemaker-managed"],
  ["nat-gateway", "nat-gateway"],
  ["interface-endpoint", "interface-endpoint"],
  ["gateway-endpoint", "gateway-endpoint"],
  ["internet-gateway", "internet-gateway"],
  ["vpc-peering-connection", "other"],
]);

/**
 * The notebooks of each VPC (notebooks without a VPC subnet use the SageMaker-managed network only).
 *
 * @param index - the model index
 * @param keep - only these VPCs
 */
export function notebooksByVpc(index: ModelIndex, keep: (vpcId: string) => boolean = () => true): Map<string, Notebook[]> {
  const result = new Map<string, Notebook[]>();
  for (const notebook of index.model.notebooks.values()) {
    const subnet = notebook.subnetId ? index.model.subnets.get(notebook.subnetId) : undefined;
    if (!subnet || !keep(subnet.vpcId)) continue;
    const list = result.get(subnet.vpcId) ?? [];
    list.push(notebook);
    result.set(subnet.vpcId, list);
  }
  for (const list of result.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return result;
}

/**
 * The notebooks of one VPC, as `notebooksByVpc` gives them, from the index's lists (its subnets', not every notebook's).
 *
 * @param index - the model index
 * @param vpcId - the VPC
 */
export function notebooksOfVpc(index: ModelIndex, vpcId: string): Map<string, Notebook[]> {
  const list = index.subnetsOfVpc(vpcId).flatMap((subnet) => index.notebooksInSubnet(subnet.id));
  return list.length === 0 ? new Map() : new Map([[vpcId, list.sort((a, b) => a.id.localeCompare(b.id))]]);
}

/** How a path leaves: the exit's route and carrier, and the transit gateways crossed before it. */
export interface Exit {
  route: TrafficRoute;
  via: string | undefined;
  transitGateways: string[];
}

/**
 * How a verdict's path leaves the estate: the first NAT gateway, endpoint, gateway or managed network on
 * it, after any transit gateways it crosses to get there (centralized egress, shared endpoints).
 *
 * @param verdict - the engine's answer (a `Verdict` is one too)
 * @param index - to map an endpoint ENI to its endpoint
 */
export function exitOf(verdict: Answer, index: ModelIndex): Exit {
  if (verdict.verdict === "unreachable") return { route: "unreachable", via: undefined, transitGateways: [] };
  if (verdict.verdict === "unknown") return { route: "unknown", via: undefined, transitGateways: [] };
  const transitGateways: string[] = [];
  for (const hop of verdict.path) {
    if (hop.type === "transit-gateway") {
      if (!transitGateways.includes(hop.component)) transitGateways.push(hop.component);
      continue;
    }
    const route = EXIT_HOPS.get(hop.type);
    if (!route) continue;
    const via = hop.component.startsWith("eni-") ? (index.endpointOfInterface(hop.component)?.id ?? hop.component) : hop.component;
    return { route, via, transitGateways };
  }
  return { route: "other", via: undefined, transitGateways };
}

/** What the estimate reads from the engine's answer for one notebook and destination. */
export interface Outcome {
  verdict: Answer["verdict"];
  exit: Exit;
  explanation: string;
  requiresEndpointUrl: string | undefined;
  /** The path's components, kept only for a path whose exit the estimate does not model (route `other`). */
  otherPath: string[];
}

/**
 * The answers asked of each analyzer so far. The same notebook and destination are asked several
 * times of one analyzer (the current model by every VPC's alternatives, the shared designs and the
 * estate; a design by its reachability and its traffic flows), and a verdict costs far more than this
 * summary keeps; the analyzer's model is not changed once it is built, so the answer cannot change.
 */
const outcomes = new WeakMap<Analyzer, Map<string, Map<string, Outcome>>>();

/**
 * The `--from` text of each notebook asked so far. One string per notebook for every analyzer: the
 * engine looks sources up by this text (`resolveSources`), and a string built anew per ask was joined
 * and hashed again by each of the ~1,900 design analyzers of a large estate.
 */
const sourceTexts = new Map<string, string>();

/**
 * `notebook/ID`: a notebook may be named like an instance or ENI id, which a bare name would find first.
 *
 * @param notebookId - the notebook's id
 */
function sourceText(notebookId: string): string {
  let text = sourceTexts.get(notebookId);
  if (text === undefined) sourceTexts.set(notebookId, (text = `notebook/${notebookId}`));
  return text;
}

/**
 * The engine's answer for a notebook and a destination, as the estimate reads it; asked once per analyzer.
 *
 * @param analyzer - the engine on the (possibly modified) model
 * @param notebookId - the source notebook's id
 * @param destination - an engine destination (`internet`, `s3`, `service:sts`, …)
 */
export function outcomeOf(analyzer: Analyzer, notebookId: string, destination: string): Outcome {
  // By destination, then notebook: no key text to build, and the weak map is written once per analyzer, not at every ask.
  let byDestination = outcomes.get(analyzer);
  if (!byDestination) outcomes.set(analyzer, (byDestination = new Map()));
  let known = byDestination.get(destination);
  if (!known) byDestination.set(destination, (known = new Map()));
  const cached = known.get(notebookId);
  if (cached) return cached;
  // The estimate reads no evidence: the answer without its proof is the same walk, building less.
  const verdict = analyzer.answer({ from: sourceText(notebookId), to: destination });
  const exit = exitOf(verdict, analyzer.index);
  const outcome: Outcome = {
    verdict: verdict.verdict, exit, explanation: verdict.explanation, requiresEndpointUrl: verdict.requiresEndpointUrl,
    otherPath: exit.route === "other" ? verdict.path.map((h) => h.component) : [],
  };
  known.set(notebookId, outcome);
  return outcome;
}

/** The AZ of a NAT gateway (undefined for a regional one, or when its subnet is not in the snapshot). */
function natAz(index: ModelIndex, natId: string | undefined): string | undefined {
  const nat = natId ? index.model.natGateways.get(natId) : undefined;
  const subnet = nat?.subnetId ? index.model.subnets.get(nat.subnetId) : undefined;
  return subnet?.availabilityZone;
}

const GB = (gb: number): string => `${Number(gb.toFixed(2))} GB`;

/**
 * Charges the transit gateway processing of a flow whose path crosses one (once: AWS charges the bytes
 * the spoke's attachment sends in, not again where a peering attachment hands them on), and says so.
 *
 * @param flow - the flow, with its route and transit gateways set
 * @param regions - the Region of each transit gateway
 * @param prices - the flow's Region's prices
 * @param log - records the figures used
 * @returns the words for the flow's note (empty when no transit gateway is crossed)
 */
function transitGatewayLeg(flow: TrafficFlow, regions: (id: string) => string | undefined, prices: RegionPrices, log: FigureLog): string {
  if (flow.transitGateways.length === 0 || flow.route === "unreachable" || flow.route === "unknown") return "";
  const perGb = optionalFigure(prices, "transitGatewayPerGb");
  log.use(flow.region, "transitGatewayPerGb", perGb);
  flow.transitGatewayProcessingUsd = perGbCharge(flow.gb, perGb.value);
  return ` via transit gateway ${flow.transitGateways.join(" → ")} (TGW processing${interRegionLeg(flow, regions, prices, log)})`;
}

/**
 * Charges inter-Region transfer when the transit gateways a flow crosses are in other Regions (a
 * peering attachment to another Region): the GB leave the notebook's Region, which bills them.
 *
 * @param flow - the flow, with its transit gateways set
 * @param regions - the Region of each transit gateway (undefined when not in the snapshot)
 * @param prices - the flow's Region's prices
 * @param log - records the figure used
 * @returns the words for the flow's note (empty when the path stays in its Region)
 */
function interRegionLeg(flow: TrafficFlow, regions: (id: string) => string | undefined, prices: RegionPrices, log: FigureLog): string {
  const others = [...new Set(flow.transitGateways.map(regions).filter((r): r is string => r !== undefined && r !== flow.region))];
  if (others.length === 0) return "";
  flow.otherRegions = others;
  const perGb = optionalFigure(prices, "interRegionOutPerGb");
  log.use(flow.region, "interRegionOutPerGb", perGb);
  flow.interRegionUsd = perGbCharge(flow.gb, perGb.value);
  return `; inter-Region transfer ${flow.region} → ${others.join(" → ")}`;
}

/**
 * Prices one notebook's share of one traffic assumption on the path the engine found.
 *
 * @param analyzer - the engine on the (possibly modified) model
 * @param notebook - the source
 * @param trafficKey - normalized key (`internet`, `internet-in`, `s3`, …)
 * @param gb - the notebook's share, GB/month
 * @param prices - the notebook's Region's prices
 * @param log - records the figures used
 */
export function traceFlow(
  analyzer: Analyzer,
  notebook: Notebook,
  trafficKey: string,
  gb: number,
  prices: RegionPrices,
  log: FigureLog,
): TrafficFlow {
  const index = analyzer.index;
  const subnet = index.model.subnets.get(notebook.subnetId ?? "");
  const vpcId = subnet?.vpcId ?? "";
  const region = notebook.scope.region;
  const verdict = outcomeOf(analyzer, notebook.id, destinationOfTrafficKey(trafficKey));
  const { route, via, transitGateways } = verdict.exit;
  const outbound = trafficKey === "internet";
  const flow: TrafficFlow = {
    vpcId, region, notebook: notebook.id, trafficKey, gb, verdict: verdict.verdict, route, via, transitGateways,
    crossAz: false, natProcessingUsd: 0, transitGatewayProcessingUsd: 0, crossAzUsd: 0, otherRegions: [], interRegionUsd: 0, endpointGb: 0, internetOutGb: 0, note: "",
  };
  const tgwRegion = (id: string): string | undefined => index.model.transitGateways.get(id)?.scope.region;
  const what = `${trafficKey} ${GB(gb)} from ${notebook.id}` + transitGatewayLeg(flow, tgwRegion, prices, log);
  switch (route) {
    case "nat-gateway": {
      log.use(region, "natGatewayPerGb", prices.natGatewayPerGb);
      flow.natProcessingUsd = perGbCharge(gb, prices.natGatewayPerGb.value);
      const az = natAz(index, via);
      flow.crossAz = az !== undefined && subnet !== undefined && az !== subnet.availabilityZone;
      if (flow.crossAz) {
        log.use(region, "crossAzPerGbEachDirection", prices.crossAzPerGbEachDirection);
        flow.crossAzUsd = crossAzCharge(gb, prices.crossAzPerGbEachDirection.value);
      }
      if (outbound) flow.internetOutGb = gb;
      flow.note =
        `${what}: through NAT gateway ${via} (NAT processing` +
        (flow.crossAz ? `, cross-AZ ${subnet?.availabilityZone} → ${az}` : "") +
        (outbound ? ", internet data transfer out)" : ")");
      break;
    }
    case "interface-endpoint":
      log.use(region, "interfaceEndpointPerGb", prices.interfaceEndpointPerGb);
      flow.endpointGb = gb;
      flow.note = `${what}: through interface endpoint ${via} (PrivateLink processing, no cross-AZ charge)`;
      if (verdict.requiresEndpointUrl) {
        flow.requiresEndpointUrl = verdict.requiresEndpointUrl;
        flow.note += `; only with --endpoint-url ${verdict.requiresEndpointUrl} (private DNS is off)`;
      }
      break;
    case "gateway-endpoint":
      flow.note = `${what}: through gateway endpoint ${via} (no charge)`;
      break;
    case "internet-gateway":
      if (outbound) flow.internetOutGb = gb;
      flow.note = `${what}: straight through internet gateway ${via}` + (outbound ? " (internet data transfer out)" : " (no charge)");
      break;
    case "sagemaker-managed":
      flow.note = `${what}: through the SageMaker-managed network (direct internet access); not billed to this VPC, not priced`;
      break;
    case "unreachable":
      flow.note = `${what}: not reachable, so not priced (${verdict.explanation})`;
      break;
    case "unknown":
      flow.note = `${what}: path undetermined, so not priced (${verdict.explanation})`;
      break;
    default:
      flow.note = `${what}: through ${verdict.otherPath.join(" → ")}; this path's transfer charges are not modelled`;
  }
  return flow;
}

/** How a flow's volume was given, for its JSON record: `notebooks.NAME`, `tags.Key=Value`, or `vpc VPC-ID (shared)`. */
function volumeSource(entry: NotebookVolumes<Notebook>): string {
  if (entry.basis === "notebook") return `notebooks.${entry.from}`;
  if (entry.basis === "tag") return `tags.${entry.from}`;
  return `${entry.from} (shared)`;
}

/**
 * Traces every traffic assumption of one VPC's notebooks, each with its own volumes.
 *
 * @param analyzer - the engine
 * @param notebookVolumes - each notebook of the VPC with its GB/month by traffic key (`volumesForNotebooks`)
 * @param prices - the VPC's Region's prices
 * @param log - records the figures used
 */
export function traceVpcFlows(
  analyzer: Analyzer,
  notebookVolumes: readonly NotebookVolumes<Notebook>[],
  prices: RegionPrices,
  log: FigureLog,
): TrafficFlow[] {
  const flows: TrafficFlow[] = [];
  const keys = [...new Set(notebookVolumes.flatMap((n) => Object.keys(n.volumes)))];
  for (const key of keys) {
    for (const entry of notebookVolumes) {
      const gb = entry.volumes[key] ?? 0;
      if (gb <= 0) continue;
      flows.push({ ...traceFlow(analyzer, entry.notebook, key, gb, prices, log), volumeFrom: volumeSource(entry) });
    }
  }
  return flows;
}
