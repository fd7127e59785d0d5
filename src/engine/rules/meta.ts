/**
 * The shape every rule module exports first, ESLint-style: its name, the AWS documentation page the
 * rule models, and the explanation codes it can emit with their message templates. `docs/engine.md`
 * lists them; tests check that every code a module emits is declared here.
 */
import type { ExplanationCode } from "../verdict.js";

export interface RuleMeta {
  /** Module name, e.g. `network-acl`. */
  name: string;
  docs: {
    /** One sentence: what AWS behaviour the module models. */
    description: string;
    /** The AWS documentation page the behaviour comes from. */
    url: string;
  };
  /** Explanation codes the module emits, with a message template (`{placeholders}` filled at use). */
  codes: Partial<Record<ExplanationCode, string>>;
}

/**
 * Fills `{name}` placeholders of a message template.
 *
 * @param template - e.g. `route {route} in {table} is a blackhole`
 * @param values - the values by placeholder name
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
