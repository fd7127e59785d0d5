/**
 * A small reader of the Mermaid flowchart subset our diagrams use (subgraph/end nesting, nodes with
 * quoted labels, edges, class and linkStyle lines), so tests can assert structure — which group a
 * node sits in, which edges exist with which labels and styles — instead of comparing text.
 */
export interface ParsedItem {
  id: string;
  kind: "group" | "node";
  label: string;
  parent: string | undefined;
}

export interface ParsedEdge {
  index: number;
  from: string;
  to: string;
  arrow: string;
  label: string | undefined;
}

export interface ParsedDiagram {
  direction: string;
  items: Map<string, ParsedItem>;
  edges: ParsedEdge[];
  classes: Map<string, Set<string>>;
  classDefs: Map<string, string>;
  linkStyles: Map<number, string>;
}

const NODE = /^([A-Za-z][A-Za-z0-9_]*)(\[\(|\(\[|\(\(|\[\[|\{\{|\[|\(|>)"([^"]*)"(\)\]|\]\)|\)\)|\]\]|\}\}|\]|\))$/;
const EDGE = /^([A-Za-z][A-Za-z0-9_]*) (-->|-\.->|==>)(?:\|"([^"]*)"\|)? ([A-Za-z][A-Za-z0-9_]*)$/;

/**
 * Parses Mermaid source written by src/diagram/scene.ts. Throws on any line it does not understand,
 * so a malformed diagram fails the test that reads it.
 *
 * @param source - the Mermaid text
 */
export function parseMermaid(source: string): ParsedDiagram {
  const result: ParsedDiagram = { direction: "", items: new Map(), edges: [], classes: new Map(), classDefs: new Map(), linkStyles: new Map() };
  const stack: string[] = [];
  const add = (item: ParsedItem): void => {
    if (result.items.has(item.id)) throw new Error(`duplicate id ${item.id}`);
    result.items.set(item.id, item);
  };
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("%%")) continue;
    let m: RegExpExecArray | null;
    if ((m = /^flowchart (TB|LR|BT|RL)$/.exec(line))) result.direction = m[1]!;
    else if ((m = /^subgraph ([A-Za-z][A-Za-z0-9_]*) \["([^"]*)"\]$/.exec(line))) {
      add({ id: m[1]!, kind: "group", label: m[2]!, parent: stack[stack.length - 1] });
      stack.push(m[1]!);
    } else if (line === "end") {
      if (!stack.pop()) throw new Error("unbalanced end");
    } else if ((m = EDGE.exec(line))) {
      result.edges.push({ index: result.edges.length, from: m[1]!, arrow: m[2]!, label: m[3], to: m[4]! });
    } else if ((m = NODE.exec(line))) {
      add({ id: m[1]!, kind: "node", label: m[3]!, parent: stack[stack.length - 1] });
    } else if ((m = /^classDef ([A-Za-z]+) (.+)$/.exec(line))) result.classDefs.set(m[1]!, m[2]!);
    else if ((m = /^class ([A-Za-z0-9_,]+) ([A-Za-z]+)$/.exec(line))) {
      for (const id of m[1]!.split(",")) {
        const set = result.classes.get(id) ?? new Set<string>();
        set.add(m[2]!);
        result.classes.set(id, set);
      }
    } else if ((m = /^linkStyle ([0-9,]+) (.+)$/.exec(line))) {
      for (const index of m[1]!.split(",")) result.linkStyles.set(Number(index), m[2]!);
    } else throw new Error(`unexpected Mermaid line: ${line}`);
  }
  if (stack.length > 0) throw new Error(`unclosed subgraph ${stack.join(" › ")}`);
  for (const edge of result.edges) {
    if (!result.items.has(edge.from) || !result.items.has(edge.to)) throw new Error(`edge to unknown id: ${edge.from} → ${edge.to}`);
  }
  return result;
}

/** The chain of groups from the top level down to (and including) an item. */
export function ancestry(diagram: ParsedDiagram, id: string): string[] {
  const chain: string[] = [];
  for (let current = diagram.items.get(id); current; current = current.parent ? diagram.items.get(current.parent) : undefined) chain.unshift(current.id);
  return chain;
}

/** Whether an item carries a class. */
export function hasClass(diagram: ParsedDiagram, id: string, cls: string): boolean {
  return diagram.classes.get(id)?.has(cls) ?? false;
}
