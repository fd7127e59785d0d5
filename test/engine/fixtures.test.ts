/**
 * Every fixture's expected verdicts (fixtures/expected-verdicts.json, written by the fixtures
 * engineer from each fixture's README): verdict, the components the path goes through (in order),
 * the blocking component, type, code, direction and rule, the endpoint URL and hop details.
 * When only an interface endpoint's own DNS name works (private DNS off), the verdict is `reachable`
 * with `requiresEndpointUrl` and a VPCE_PRIVATE_DNS_DISABLED warning (issue 3). Queries are TCP
 * unless the expectation names another protocol, to the port in `to` or 443.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createAnalyzer } from "../../src/engine/index.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { loadModel } from "../../src/snapshot/load.js";

interface Expected {
  from: string;
  fromName?: string;
  to: string;
  protocol?: "udp";
  verdict: Verdict["verdict"];
  via?: string[];
  blockedAt?: { component: string; type: string; code: string; direction: string; rule: string };
  requiresEndpointUrl?: string;
  warnings?: string[];
  details?: string[];
  note?: string;
}

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const expected = JSON.parse(readFileSync(`${FIXTURES}expected-verdicts.json`, "utf8")) as Record<string, Expected[]>;

/** True when `wanted` appears in `ids` in order (other hops may sit in between). */
function inOrder(ids: string[], wanted: string[]): boolean {
  let i = 0;
  for (const id of ids) if (id === wanted[i]) i += 1;
  return i === wanted.length;
}

/** Resource ids named in a rule description. */
function idsIn(text: string): string[] {
  return text.match(/\b(?:rtb|nat|igw|sg|acl|vpce|pcx|subnet)-[0-9a-f]+\b/g) ?? [];
}

for (const [fixture, cases] of Object.entries(expected)) {
  describe(`fixture ${fixture}`, async () => {
    const analyzer = createAnalyzer(await loadModel(`${FIXTURES}${fixture}`));
    for (const c of cases) {
      it(`${c.fromName ?? c.from} → ${c.to}${c.protocol ? ` (${c.protocol})` : ""}: ${c.verdict}${c.blockedAt ? ` (${c.blockedAt.code})` : ""}`, () => {
        const v = analyzer.query({ from: c.from, to: c.to, ...(c.protocol ? { protocol: c.protocol } : {}) });
        expect(v.verdict, v.explanation).toBe(c.verdict);
        for (const w of c.warnings ?? []) expect(v.warnings.join("\n")).toContain(w);
        // The fix names the DNS change that makes the default name work: private DNS, or a hosted zone.
        if (c.requiresEndpointUrl) expect(v.fix).toMatch(/enable private DNS on|create a private hosted zone for/);
        const path = v.path.map((h) => h.component);
        if (c.via) expect(inOrder(path, c.via), `path ${path.join(" > ")}`).toBe(true);
        if (c.requiresEndpointUrl) expect(v.requiresEndpointUrl).toBe(c.requiresEndpointUrl);
        for (const detail of c.details ?? []) expect(v.path.some((h) => h.details?.includes(detail))).toBe(true);
        if (c.blockedAt) {
          expect(v.blockedAt).toMatchObject({ component: c.blockedAt.component, type: c.blockedAt.type, code: c.blockedAt.code, direction: c.blockedAt.direction });
          const cited = `${v.blockedAt?.rule.ref} ${v.blockedAt?.rule.text}`;
          for (const id of idsIn(c.blockedAt.rule)) expect(cited).toContain(id);
          expect(v.fix).toBeTruthy();
        }
        if (v.verdict === "reachable") expect(v.returnPath.length).toBeGreaterThan(0);
        for (const h of [...v.path, ...v.returnPath]) expect(h.evidence.length, `${h.component} has evidence`).toBeGreaterThan(0);
        expect(v.explanation.length).toBeGreaterThan(0);
      });
    }
  });
}
