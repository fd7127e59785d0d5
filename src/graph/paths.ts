/**
 * Topology questions over the graph, answered with graphology-shortest-path: is there any chain of
 * components (ignoring rules and routes' prefixes) from one node to another? The engine uses it to
 * tell "the VPCs are not connected at all" (DISCONNECTED_VPCS) from a rule that blocks.
 */
import { createRequire } from "node:module";
import type { ReachGraph } from "./build.js";

/** graphology-shortest-path's search, required on first use for the reason build.ts requires graphology. */
const requireBidirectional = (): typeof import("graphology-shortest-path/unweighted.js").bidirectional =>
  (createRequire(import.meta.url)("graphology-shortest-path/unweighted.js") as typeof import("graphology-shortest-path/unweighted.js")).bidirectional;

/**
 * The node ids of a shortest topological path, or undefined when there is none.
 *
 * @param graph - the reachability graph
 * @param from - start node id
 * @param to - end node id
 */
export function topologicalPath(graph: ReachGraph, from: string, to: string): string[] | undefined {
  if (!graph.hasNode(from) || !graph.hasNode(to)) return undefined;
  return requireBidirectional()(graph, from, to) ?? undefined;
}
