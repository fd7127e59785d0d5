/**
 * `npm run fuzz -- --runs N [--seed S] [--save DIR] [--features dns-rules]` (`--help` lists the options): generates N random networks, compares the
 * engine with the reference evaluator on sampled packets in each, prints a tally, the first
 * counterexamples shrunk by fast-check, and ends with the line `N cases, D disagreements`
 * (exit status 1 when D > 0). `--save DIR` writes each shrunk counterexample as a JSON fixture
 * that test/regressions/ replays. `--features` adds the generator's opt-in feature sets (comma
 * separated; see `networkCaseArbWith`): without it every seed gives the networks it always gave.
 */
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createAnalyzer } from "../../src/engine/index.js";
import { agreementProperty, checkNetwork, FEATURES, networkCaseArbWith, type AnalyzerFactory, type Feature, type NetworkCase } from "../property/network-property.js";
import { addCoverage, describeCoverage, emptyCoverage } from "../property/coverage.js";

interface Options {
  runs: number;
  seed: number;
  save: string | undefined;
  shrink: number;
  coverage: boolean;
  features: Feature[];
}

const USAGE = `usage: npm run fuzz -- [--runs N] [--seed S] [--features dns-rules,studio] [--save DIR] [--shrink K] [--coverage]
  --runs N       networks to generate (default 1000)
  --seed S       fast-check seed (default: the clock; the summary prints it)
  --features F   opt-in generator feature sets, comma separated (${FEATURES.join(", ")})
  --save DIR     write each shrunk counterexample as a JSON case test/regressions/ can replay
  --shrink K     shrink and print the first K failing runs (default 3)
  --coverage     also print the outcomes and codes of both sides
Reproduce run R of a seed: the same --seed, --features and --runs of at least R + 1; the
counterexample printed is shrunk from it ("--- counterexample (run R, shrunk) ---").`;

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 1000, seed: Date.now() % 2 ** 31, save: undefined, shrink: 3, coverage: false, features: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--runs") options.runs = Number(value);
    else if (argv[i] === "--seed") options.seed = Number(value);
    else if (argv[i] === "--save") options.save = value;
    else if (argv[i] === "--shrink") options.shrink = Number(value);
    else if (argv[i] === "--features") options.features = (value ?? "").split(",").filter((f) => f !== "").map(feature);
    else if (argv[i] === "--coverage") {
      options.coverage = true;
      continue;
    } else continue;
    i++;
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error("--runs must be a positive integer");
  if (!Number.isInteger(options.seed)) throw new Error("--seed must be an integer");
  return options;
}

/** A feature set's name, checked. */
function feature(name: string): Feature {
  const known = FEATURES.find((f) => f === name);
  if (!known) throw new Error(`--features: unknown feature set "${name}" (known: ${FEATURES.join(", ")})`);
  return known;
}

/** Shrinks the failing run at `index` (same seed) and returns the smallest failing case. */
function shrink(seed: number, index: number, factory: AnalyzerFactory, features: readonly Feature[]): NetworkCase | undefined {
  const details = fc.check(agreementProperty(factory, () => {}, features), { seed, path: String(index), numRuns: 1 });
  return details.failed ? details.counterexample?.[0] : undefined;
}

function main(): number {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const options = parseArgs(process.argv.slice(2));
  const factory: AnalyzerFactory = (model) => createAnalyzer(model);
  const cases = fc.sample(networkCaseArbWith(options.features), { seed: options.seed, numRuns: options.runs });
  const failing: number[] = [];
  const tally = new Map<string, number>();
  const codes = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const coverage = emptyCoverage();
  let questions = 0;
  cases.forEach((networkCase, index) => {
    const result = checkNetwork(networkCase, factory);
    addCoverage(coverage, result);
    questions += result.comparisons.length;
    for (const c of result.comparisons) {
      const key = `reference ${c.reference.cls} / engine ${c.engine}${c.agree ? "" : " (DISAGREE)"}`;
      count(tally, key);
      const ref = c.reference.sample;
      count(codes, `reference ${ref.kind === "delivered" ? `delivered:${ref.reachedKind}` : ref.kind === "dropped" ? `${ref.code}/${ref.direction}` : "unmodeled"}`);
      count(codes, `engine ${c.engine}${c.engineCode ? ` ${c.engineCode}` : ""}`);
      const domain = c.query.from.startsWith("domain/") ? [...networkCase.spec.studio ?? []][Number(c.query.from.slice("domain/studio-".length))] : undefined;
      if (domain) count(codes, `studio ${domain.publicInternet ? "PublicInternetOnly" : "VpcOnly"} tcp ${c.query.port}: reference ${c.reference.cls} / engine ${c.engine}${c.agree ? "" : " (DISAGREE)"}`);
    }
    for (const s of result.setComparisons) {
      if (s.dns) count(codes, `dns ${s.question.to}: reference ${s.dns.resolution.kind}${s.dns.resolution.kind === "undocumented" ? ` (${s.dns.resolution.inVpc.kind})` : ""} / engine ${s.engine}${s.dns.agree ? "" : " (DISAGREE)"}`);
      for (const x of s.checks) count(tally, `set address: engine ${x.engineSaysReachable ? "reachable" : x.engineUndecided ? "undecided" : "not reachable"} / reference ${x.reference.cls}${x.agree ? "" : " (DISAGREE)"}`);
    }
    if (result.disagreements.length > 0) failing.push(index);
    if ((index + 1) % 1000 === 0) process.stderr.write(`${index + 1}/${options.runs} networks, ${failing.length} with disagreements\n`);
  });

  console.log(`seed ${options.seed}: ${options.runs} networks, ${questions} questions${options.features.length > 0 ? `, features ${options.features.join(", ")}` : ""}`);
  for (const [key, n] of [...tally].sort()) console.log(`  ${String(n).padStart(7)}  ${key}`);
  for (const line of describeCoverage(coverage)) console.log(line);
  if (options.coverage) {
    console.log("outcomes and codes:");
    for (const [key, n] of [...codes].sort()) console.log(`  ${String(n).padStart(7)}  ${key}`);
  }
  for (const index of failing.slice(0, options.shrink)) {
    const small = shrink(options.seed, index, factory, options.features) ?? cases[index]!;
    const result = checkNetwork(small, factory);
    console.log(`\n--- counterexample (run ${index}, shrunk) ---`);
    for (const d of result.disagreements.slice(0, 2)) console.log(d);
    console.log(`case: ${JSON.stringify(small)}`);
    if (options.save) {
      mkdirSync(options.save, { recursive: true });
      const file = join(options.save, `seed${options.seed}-run${index}.json`);
      writeFileSync(file, `${JSON.stringify({ note: result.disagreements[0] ? result.disagreements[0].split("\n").slice(0, 3).join(" | ") : "", ...small }, null, 1)}\n`);
      console.log(`saved ${file}`);
    }
  }
  console.log(`${options.runs} cases, ${failing.length} disagreements`);
  return failing.length > 0 ? 1 : 0;
}

process.exitCode = main();
