/**
 * What a rule function returns when it stops traffic (or cannot decide): the code, a message, the
 * rule cited as evidence, and the concrete fix. The path walker turns it into `BlockedAt`.
 */
import type { Evidence, ExplanationCode } from "../verdict.js";

export interface RuleBlock {
  code: ExplanationCode;
  /** One sentence, for `explanation`. */
  message: string;
  rule: Evidence;
  fix?: string;
  /** True when the rule cannot decide (the verdict becomes `unknown`), false when it blocks. */
  unknown?: boolean;
}
