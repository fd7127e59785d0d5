/**
 * A small, typed picture of a diagram (nested groups, nodes, edges, classes) and its translation to
 * Mermaid flowchart source. The architecture and path views build a `Scene`; only this module writes
 * Mermaid syntax, so escaping and ordering are decided in one place.
 *
 * Mermaid reference: https://mermaid.js.org/syntax/flowchart.html (subgraphs, classDef/class,
 * linkStyle by edge index).
 */
import { CLASS_DEFS, LINK_STYLES, OVERLAY_CLASSES, type ClassName, type LinkStyleName } from "./styles.js";
import { compareText } from "./names.js";

/** Node outlines, as Mermaid flowchart shapes. */
export type NodeShape = "box" | "round" | "stadium" | "circle" | "hexagon" | "cylinder" | "subroutine" | "flag";

export interface SceneNode {
  kind: "node";
  /** Mermaid id (already sanitised, see escape.ts). */
  id: string;
  /** The label, already escaped (see `label()` in escape.ts). */
  label: string;
  shape: NodeShape;
  classes: ClassName[];
}

export interface SceneGroup {
  kind: "group";
  id: string;
  label: string;
  classes: ClassName[];
  children: SceneItem[];
}

export type SceneItem = SceneNode | SceneGroup;

export interface SceneEdge {
  from: string;
  to: string;
  /** Escaped label, or undefined for none. */
  label?: string | undefined;
  line: "solid" | "dotted" | "thick";
  /** How the edge is coloured (a `linkStyle`); undefined keeps the default. */
  style?: LinkStyleName | undefined;
}

export interface Scene {
  direction: "TB" | "LR";
  items: SceneItem[];
  edges: SceneEdge[];
}

const SHAPES: Record<NodeShape, [string, string]> = {
  box: ["[", "]"],
  round: ["(", ")"],
  stadium: ["([", "])"],
  circle: ["((", "))"],
  hexagon: ["{{", "}}"],
  cylinder: ["[(", ")]"],
  subroutine: ["[[", "]]"],
  flag: [">", "]"],
};

const ARROWS: Record<SceneEdge["line"], string> = { solid: "-->", dotted: "-.->", thick: "==>" };

function emitItem(item: SceneItem, indent: string, out: string[], classes: Map<ClassName, string[]>): void {
  for (const cls of item.classes) {
    const members = classes.get(cls);
    if (members) members.push(item.id);
    else classes.set(cls, [item.id]);
  }
  if (item.kind === "node") {
    const [open, close] = SHAPES[item.shape];
    out.push(`${indent}${item.id}${open}"${item.label}"${close}`);
    return;
  }
  out.push(`${indent}subgraph ${item.id} ["${item.label}"]`);
  for (const child of item.children) emitItem(child, `${indent}  `, out, classes);
  out.push(`${indent}end`);
}

/**
 * Writes a scene as Mermaid flowchart source: groups and nodes in the order given, then edges, then
 * class definitions and assignments (only the classes used), then link styles by edge index.
 *
 * @param scene - the picture to write
 * @param comment - one line of our own text for a leading `%%` comment (no user text)
 */
export function sceneToMermaid(scene: Scene, comment?: string): string {
  const out: string[] = [];
  if (comment) out.push(`%% ${comment.replace(/[\r\n]+/g, " ")}`);
  out.push(`flowchart ${scene.direction}`);
  const classes = new Map<ClassName, string[]>();
  for (const item of scene.items) emitItem(item, "  ", out, classes);

  const styled = new Map<LinkStyleName, number[]>();
  scene.edges.forEach((edge, index) => {
    const text = edge.label ? `|"${edge.label}"|` : "";
    out.push(`  ${edge.from} ${ARROWS[edge.line]}${text} ${edge.to}`);
    if (edge.style) {
      const list = styled.get(edge.style);
      if (list) list.push(index);
      else styled.set(edge.style, [index]);
    }
  });

  // Overlay classes last: Mermaid applies class styles in the order of the `class` lines.
  const rank = (name: ClassName): number => (OVERLAY_CLASSES.has(name) ? 1 : 0);
  for (const [name, members] of [...classes].sort(([a], [b]) => rank(a) - rank(b) || compareText(a, b))) {
    out.push(`  classDef ${name} ${CLASS_DEFS[name]}`);
    out.push(`  class ${members.join(",")} ${name}`);
  }
  for (const [name, indexes] of [...styled].sort(([a], [b]) => compareText(a, b))) {
    out.push(`  linkStyle ${indexes.join(",")} ${LINK_STYLES[name]}`);
  }
  return `${out.join("\n")}\n`;
}
