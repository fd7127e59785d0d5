/**
 * Diagrams of the network as Mermaid flowcharts: the architecture view (Region › VPC › AZ › subnet),
 * the hub view (a transit gateway with its route tables and the VPCs attached to it), the path view
 * (an engine verdict drawn on it), plus writing them as .mmd, .md, .svg or .png.
 */
export { architectureDiagram, DEFAULT_COLLAPSE_THRESHOLD, type ArchitectureOptions } from "./architecture.js";
export { hubDiagram, transitGatewayIds, type HubOptions } from "./hub.js";
export { pathDiagram, PathArchitectures, type PathDiagramOptions } from "./path.js";
export { writeDiagrams, DiagramRenderer, findBrowser, formatOf, toMarkdown, SYSTEM_BROWSERS, type RenderJob, type RenderOptions, type DiagramFormat } from "./render.js";
export { escapeLabelText, sanitizeId } from "./escape.js";
export { MERMAID_CONFIG } from "./styles.js";
