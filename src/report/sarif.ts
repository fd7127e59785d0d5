/**
 * SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format), as GitHub code scanning and
 * other CI tools read it: one `run` of the `vpcreach` tool, one rule per intent and per finding rule,
 * each result at a physical location (the intents file line, or the snapshot) with the resource as a
 * logical location, and a partial fingerprint so the same problem keeps its alert across runs.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import type { Severity } from "../engine/findings/types.js";

export type SarifLevel = "error" | "warning" | "note";

/** SARIF level of a severity: high → error, medium → warning, low and info → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}

export interface SarifRule {
  id: string;
  name: string;
  description: string;
  helpUri?: string | undefined;
  level: SarifLevel;
}

export interface SarifResult {
  ruleId: string;
  level: SarifLevel;
  message: string;
  /** The file to point at (an intents file, or the snapshot), as the user named it. */
  file: string;
  /** 1-based line in `file`, when it is a text file the result comes from. */
  line?: number | undefined;
  /** The AWS resource or workload the result is about. */
  resource: string;
  /** What identifies the same problem across runs (hashed into the fingerprint). */
  identity: string;
}

/** A repository-relative URI with forward slashes, as code scanning matches files. */
function artifactUri(file: string): string {
  const path = isAbsolute(file) ? relative(process.cwd(), file) : file;
  return path.split(sep).join("/").replace(/^\.\//, "");
}

function sarifResult(result: SarifResult, ruleIndex: number): object {
  return {
    ruleId: result.ruleId,
    ruleIndex,
    level: result.level,
    message: { text: result.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(result.file) },
          ...(result.line ? { region: { startLine: result.line } } : {}),
        },
        logicalLocations: [{ name: result.resource, kind: "resource" }],
      },
    ],
    partialFingerprints: { "vpcreach/v1": createHash("sha256").update(`${result.ruleId}\u0000${result.identity}`).digest("hex") },
  };
}

/**
 * A complete SARIF log.
 *
 * @param rules - every rule a result may name (unused ones are listed too: they document the run)
 * @param results - the results, each naming one of `rules` by id
 * @param version - the tool's version
 * @throws Error when a result names a rule that is not listed (a bug in the caller)
 */
export function sarifLog(rules: readonly SarifRule[], results: readonly SarifResult[], version: string): object {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "vpcreach",
            version,
            informationUri: "https://github.com/vpcreach/vpcreach",
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.description },
              ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
              defaultConfiguration: { level: rule.level },
            })),
          },
        },
        results: results.map((result) => {
          const i = index.get(result.ruleId);
          if (i === undefined) throw new Error(`SARIF result names an unlisted rule ${result.ruleId}`);
          return sarifResult(result, i);
        }),
      },
    ],
  };
}
