/**
 * Preloaded with `node --import` by the benchmark to record which heavy packages a command loads:
 * registers bench/watch-imports-hooks.ts, which appends every resolved URL inside the AWS SDK,
 * Mermaid, Puppeteer, Playwright, iam-simulate, ajv, yaml or marked packages to the file named by
 * `VPCREACH_IMPORT_LOG`.
 */
import { register } from "node:module";

register("./watch-imports-hooks.js", import.meta.url);
