#!/usr/bin/env node
/**
 * Bundles the CLI into dist/cli/ (run by `npm run build` after tsc; `bin` points at dist/cli/vpcreach.js).
 *
 * Why: a `vpcreach query` used to spend most of its time above Node's own start-up resolving, reading
 * and linking ~140 ES modules one by one (docs/performance.md, "Start-up"). esbuild puts the project's
 * modules into a few files instead. Code splitting keeps every command's own code, and what only it
 * uses, in chunks that its dynamic `import()` in src/cli/main.ts loads on demand, so a query still
 * does not load the report, diagram, cost or collect code.
 *
 * Packages stay external (resolved from node_modules at run time, as with tsc's output), except
 * commander: every command loads it first thing, and bundled it skips Node's CommonJS-to-ESM
 * translation. Its one use of `node:child_process` (running a subcommand from a separate executable,
 * which vpcreach never does) is required when called rather than at start-up: that module and the
 * `net` and `dgram` modules it loads cost a query several milliseconds. The AWS SDK, Mermaid, Puppeteer and iam-simulate stay out of the bundle on purpose:
 * they are large, read files next to themselves, and are only ever loaded by `import()` when needed.
 *
 * Usage: node scripts/bundle-cli.mjs
 */
import { readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { build } from "esbuild";

const OUT = "dist/cli";
/** Bundled despite being a package (see above). */
const BUNDLED_PACKAGES = new Set(["commander"]);

const { dependencies } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/** commander's eager `require("node:child_process")`, and what replaces it: the same module on first spawn. */
const EAGER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const LAZY_CHILD_PROCESS = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";

/** Makes commander require child_process when it spawns; fails the build if commander's code changed shape. */
const lazyChildProcess = {
  name: "commander-lazy-child-process",
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(EAGER_CHILD_PROCESS) || (source.match(/childProcess\.(\w+)/g) ?? []).some((use) => use !== "childProcess.spawn")) {
        throw new Error(`${args.path}: commander no longer uses child_process as scripts/bundle-cli.mjs expects; update the plugin`);
      }
      return { contents: source.replace(EAGER_CHILD_PROCESS, LAZY_CHILD_PROCESS), loader: "js" };
    });
  },
};

// Chunk names carry content hashes: remove the previous build's so the folder holds one build only
// (the snapshot cache stamps the code it loads with the files of this folder).
rmSync(OUT, { recursive: true, force: true });
await build({
  // Worker threads load their entry file beside the chunks: the report's cost estimate (src/report/cost-estimate.ts) and the cost pool (src/cost/parallel.ts).
  entryPoints: { vpcreach: "src/cli/main.ts", "cost-worker": "src/report/cost-worker.ts", "cost-pool-worker": "src/cost/cost-pool-worker.ts" },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  external,
  sourcemap: true,
  logLevel: "warning",
  plugins: [lazyChildProcess],
  // commander is CommonJS: inside an ES module bundle its `require("node:…")` calls need a require.
  banner: { js: 'import { createRequire as __vpcreachCreateRequire } from "node:module";\nconst require = __vpcreachCreateRequire(import.meta.url);' },
});
