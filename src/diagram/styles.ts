/**
 * The diagram palette, after AWS's architecture-icon conventions
 * (https://aws.amazon.com/architecture/icons/): Region teal and dashed, VPC purple, Availability Zone
 * blue and dashed, public subnet green, private subnet blue, networking resources purple, SageMaker
 * teal-green, compute orange, storage green. Reachability overlays use green for a proven path, red
 * for the blocking hop and amber for an undetermined one.
 */
import type { MermaidConfig } from "mermaid";

/** Every class a diagram item may carry, with its Mermaid `classDef` body. */
export const CLASS_DEFS = {
  region: "fill:#FFFFFF,stroke:#00A4A6,stroke-width:2px,stroke-dasharray:6 4,color:#00716F",
  vpc: "fill:#FCFAFF,stroke:#8C4FFF,stroke-width:2px,color:#5A2DB8",
  hub: "fill:#F5F0FF,stroke:#5A2DB8,stroke-width:3px,color:#3B1E78",
  az: "fill:#FFFFFF,stroke:#147EBA,stroke-width:1px,stroke-dasharray:4 4,color:#147EBA",
  awsServices: "fill:#F7F8F8,stroke:#879196,stroke-width:1px,color:#232F3E",
  publicSubnet: "fill:#F2F8E6,stroke:#7AA116,stroke-width:2px,color:#3F5A0B",
  privateSubnet: "fill:#E6F2FA,stroke:#147EBA,stroke-width:2px,color:#0B4F7A",
  collapsed: "stroke-dasharray:2 2,stroke-width:3px",
  gateway: "fill:#8C4FFF,stroke:#5A2DB8,color:#FFFFFF",
  endpoint: "fill:#EFE6FF,stroke:#8C4FFF,color:#3B1E78",
  notebook: "fill:#01A88D,stroke:#00735F,color:#FFFFFF",
  instance: "fill:#ED7100,stroke:#A34E00,color:#FFFFFF",
  interface: "fill:#FFFFFF,stroke:#8C4FFF,color:#232F3E",
  serviceStorage: "fill:#7AA116,stroke:#4F690E,color:#FFFFFF",
  serviceMl: "fill:#01A88D,stroke:#00735F,color:#FFFFFF",
  service: "fill:#232F3E,stroke:#000000,color:#FFFFFF",
  internet: "fill:#FFFFFF,stroke:#232F3E,stroke-width:2px,color:#232F3E",
  external: "fill:#F2F3F3,stroke:#545B64,color:#232F3E",
  managed: "fill:#E6F6F3,stroke:#01A88D,stroke-dasharray:4 3,color:#00594A",
  missing: "fill:#FFFFFF,stroke:#D13212,stroke-dasharray:3 3,color:#D13212",
  onPath: "stroke:#1D8102,stroke-width:4px",
  blocked: "fill:#FDE7E9,stroke:#D13212,stroke-width:3px,color:#8F1D0B",
  undetermined: "fill:#FFF4E0,stroke:#FF9900,stroke-width:3px,color:#8A5300",
  verdictReachable: "fill:#E9F6EC,stroke:#1D8102,stroke-width:2px,color:#11500A",
  verdictUnreachable: "fill:#FDE7E9,stroke:#D13212,stroke-width:2px,color:#8F1D0B",
  verdictUnknown: "fill:#FFF4E0,stroke:#FF9900,stroke-width:2px,color:#8A5300",
} as const;

export type ClassName = keyof typeof CLASS_DEFS;

/** Classes laid over an item's own class by the path view; their styles must win. */
export const OVERLAY_CLASSES: ReadonlySet<ClassName> = new Set<ClassName>(["collapsed", "onPath", "blocked", "undetermined"]);

/** Edge colours, applied with `linkStyle` by edge index. */
export const LINK_STYLES = {
  route: "stroke:#545B64,stroke-width:1.5px",
  blackhole: "stroke:#D13212,stroke-width:1.5px,stroke-dasharray:4 3",
  direct: "stroke:#01A88D,stroke-width:1.5px,stroke-dasharray:4 3",
  dim: "stroke:#C4C8CC,stroke-width:1px",
  pathOk: "stroke:#1D8102,stroke-width:4px",
  pathBlocked: "stroke:#D13212,stroke-width:3px",
  pathUnknown: "stroke:#FF9900,stroke-width:3px",
  notReached: "stroke:#D13212,stroke-width:1.5px,stroke-dasharray:3 3",
} as const;

export type LinkStyleName = keyof typeof LINK_STYLES;

/** Mermaid settings every render uses: strict security, SVG text labels (no HTML), room for big estates. */
export const MERMAID_CONFIG: MermaidConfig = {
  securityLevel: "strict",
  htmlLabels: false,
  // Subnet titles take three lines (class and CIDR, name, id); the layouts reserve one line for a
  // title, so the margin below it makes room for two more, or the boxes inside would cover them.
  flowchart: { htmlLabels: false, curve: "basis", nodeSpacing: 30, rankSpacing: 50, padding: 12, useMaxWidth: false, wrappingWidth: 480, subGraphTitleMargin: { top: 0, bottom: 40 } },
  theme: "base",
  themeVariables: { fontFamily: "Arial, Helvetica, sans-serif", fontSize: "14px", primaryColor: "#FFFFFF", lineColor: "#545B64" },
  maxTextSize: 10_000_000,
  maxEdges: 20_000,
  logLevel: 5,
  // Mermaid draws node outlines with rough.js, whose control points are random unless seeded:
  // a fixed seed (and deterministic ids) makes the same source give the same SVG bytes on every run.
  handDrawnSeed: 1,
  deterministicIds: true,
  layout: "elk",
};
