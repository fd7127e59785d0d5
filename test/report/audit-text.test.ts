/**
 * Text rendering of an audit: cell marks and short reasons, the aligned matrix, findings grouped by
 * severity with their fixes, and colour only when asked.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/findings/types.js";
import { auditToText, findingCounts, summarizeCell, summarizeRow } from "../../src/report/audit-text.js";
import { blockedByAcl, reachableViaNat, reachableWithEndpointUrl, unknownAtTgw } from "../engine/findings/verdicts.js";

const plain = { color: false };
const DESTINATIONS = ["internet", "s3", "sagemaker-api", "sagemaker-runtime"];
const row = (source: string) => ({
  source: { id: source, type: "notebook" as const, name: source },
  cells: {
    internet: reachableViaNat(source),
    s3: blockedByAcl(source),
    "sagemaker-api": unknownAtTgw(source),
    "sagemaker-runtime": reachableWithEndpointUrl(source),
  },
});

const finding = (severity: Finding["severity"], rule: string): Finding => ({
  rule,
  severity,
  resource: "research",
  title: `title of ${rule}`,
  detail: `detail of ${rule}`,
  fix: `fix of ${rule}`,
});

describe("summarizeCell", () => {
  it.each([
    ["reachable through a NAT", reachableViaNat(), "✓", "via nat-1"],
    ["reachable only with --endpoint-url", reachableWithEndpointUrl(), "✓", "via vpce-runtime (--endpoint-url)"],
    ["blocked by a NACL", blockedByAcl(), "✗", "blocked: acl-1 SUBNET_ACL_RESTRICTION"],
    ["unknown at a transit gateway", unknownAtTgw(), "?", "unknown: UNSUPPORTED_COMPONENT at tgw-1"],
  ])("%s", (_name, verdict, mark, reason) => {
    expect(summarizeCell(verdict)).toEqual({ verdict: verdict.verdict, mark, reason });
  });

  it("says an endpoint reachable only by its own name needs --endpoint-url, whatever the verdict", () => {
    const verdict = { ...blockedByAcl(), requiresEndpointUrl: "https://vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com" };
    verdict.blockedAt = { ...verdict.blockedAt!, component: "vpce-1", code: "VPCE_PRIVATE_DNS_DISABLED" };
    expect(summarizeCell(verdict)).toEqual({ verdict: "unreachable", mark: "✗", reason: "only with --endpoint-url (vpce-1)" });
  });

  it("marks a block on the return path and a partial answer", () => {
    const returnBlock = blockedByAcl();
    returnBlock.blockedAt = { ...returnBlock.blockedAt!, direction: "return" };
    expect(summarizeCell(returnBlock).reason).toBe("blocked: acl-1 SUBNET_ACL_RESTRICTION (return)");
    const partial = { ...reachableViaNat(), reachableSubset: { addresses: [], ports: [], note: "S3 here only" } };
    expect(summarizeCell(partial).reason).toBe("via nat-1 (partial)");
  });

  it("says an unknown whose places differ (a Studio domain's subnets) differs by place, and from how many it is reachable", () => {
    const places = [{ where: "subnet-a", verdict: "reachable" as const, explanation: "" }, { where: "subnet-b", verdict: "unreachable" as const, explanation: "" }];
    expect(summarizeCell({ ...unknownAtTgw(), places }).reason).toBe("unknown: differs by place, reachable from 1 of 2");
  });

  it("falls back to the explanation, cut short, when an unknown has no stopping point", () => {
    const verdict = { ...unknownAtTgw(), blockedAt: undefined, explanation: "x".repeat(200) };
    const { reason } = summarizeCell(verdict);
    expect(reason.startsWith("unknown: xxx")).toBe(true);
    expect(reason.length).toBe(60);
    expect(reason.endsWith("…")).toBe(true);
  });
});

describe("auditToText", () => {
  it("prints one aligned row per source with a column per destination", () => {
    const text = auditToText({ rows: [summarizeRow(row("research")), summarizeRow(row("etl-notebook-long-name"))], destinations: DESTINATIONS, findings: [] }, plain);
    const [header, first, second] = text.split("\n");
    expect(header).toMatch(/^SOURCE\s+INTERNET\s+S3\s+SAGEMAKER-API\s+SAGEMAKER-RUNTIME$/);
    expect(first).toContain("research");
    expect(first).toContain("✓ via nat-1");
    expect(first).toContain("✗ blocked: acl-1 SUBNET_ACL_RESTRICTION");
    for (const column of ["S3", "SAGEMAKER-API", "SAGEMAKER-RUNTIME"]) {
      const at = header!.indexOf(column);
      expect([first![at - 1], second![at - 1]]).toEqual([" ", " "]);
      expect("✓✗?").toContain(first![at]);
      expect("✓✗?").toContain(second![at]);
    }
    expect(text).toContain("Findings: none");
  });

  it("groups findings by severity, most severe first, each with why and fix", () => {
    const findings = [finding("high", "a"), finding("high", "b"), finding("low", "c"), finding("info", "d")];
    const text = auditToText({ rows: [], destinations: DESTINATIONS, findings }, plain);
    expect(text).toContain("No notebooks (or instances) to audit in this snapshot.");
    expect(text).toContain("Findings: 2 high, 1 low, 1 info");
    expect(text.indexOf("HIGH (2)")).toBeLessThan(text.indexOf("LOW (1)"));
    expect(text.indexOf("LOW (1)")).toBeLessThan(text.indexOf("INFO (1)"));
    expect(text).not.toContain("MEDIUM");
    expect(text).toContain("  title of a  [a]\n    why: detail of a\n    fix: fix of a");
  });

  it("spells out at most perRule findings of one rule and names the rest", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ ...finding("low", "r"), resource: `nb-${String(i).padStart(2, "0")}` }));
    const text = auditToText({ rows: [], destinations: DESTINATIONS, findings: [finding("high", "a"), ...many] }, { color: false, perRule: 2 });
    expect(text.match(/title of r/g)).toHaveLength(2);
    expect(text).toContain("  … and 12 more [r]: nb-02, nb-03, nb-04, nb-05, nb-06, nb-07, nb-08, nb-09, nb-10, nb-11, … (--json lists every finding)");
    expect(text).toContain("title of a");
  });

  it("colours only when asked, without breaking the alignment", () => {
    const rows = [summarizeRow(row("research"))];
    expect(auditToText({ rows, destinations: DESTINATIONS, findings: [] }, plain)).not.toContain("\u001b[");
    const coloured = auditToText({ rows, destinations: DESTINATIONS, findings: [] }, { color: true });
    expect(coloured).toContain("\u001b[32m✓\u001b[39m via nat-1");
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(auditToText({ rows, destinations: DESTINATIONS, findings: [] }, plain));
  });

  it("counts findings per severity", () => {
    expect(findingCounts([])).toBe("none");
    expect(findingCounts([finding("medium", "x"), finding("medium", "y")])).toBe("2 medium");
  });
});
