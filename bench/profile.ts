/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, the most
 * inclusive time, and who calls a given function. Used by bench/profile-summary.ts; this is how the
 * profile tables in docs/performance.md were made.
 */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `name file:line`, with the path shortened to its last two parts. */
function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
}

/** Microseconds of samples per node id. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  return self;
}

/**
 * The summary lines.
 *
 * @param profile - a parsed .cpuprofile
 * @param top - how many functions per list
 * @param callersOf - a function name whose callers to list
 */
export function summarize(profile: CpuProfile, top: number, callersOf?: string): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = selfTimes(profile);
  const selfByLabel = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const callers = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(byId.get(cur)!);
      // Recursion must not count the same sample twice for one function.
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      seen.add(key);
    }
    if (callersOf && node.callFrame.functionName === callersOf) {
      const chain: string[] = [];
      for (let cur = parent.get(id), k = 0; cur !== undefined && k < 3; cur = parent.get(cur), k++) chain.push(label(byId.get(cur)!));
      callers.set(chain.join(" < "), (callers.get(chain.join(" < ")) ?? 0) + us);
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const list = (title: string, map: Map<string, number>): string[] => [
    title,
    ...[...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms  ${key}`),
  ];
  return [
    `sampled ${(total / 1000).toFixed(0)} ms`,
    ...list("self time:", selfByLabel),
    ...list("inclusive time:", inclusive),
    ...(callersOf ? list(`callers of ${callersOf} (self time):`, callers) : []),
  ];
}

