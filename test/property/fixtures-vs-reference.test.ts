/**
 * The engine and the reference evaluator agree on the example networks in fixtures/ (hand-written
 * describe-* folders, loaded with `loadModel`): every source (instances, notebooks) against every
 * private address in the network, a vacant one, the S3 prefix-list space, the internet and private
 * space outside, over tcp 443/22 and udp 53. This is the DNS-free cross-check of the `s3`,
 * `sagemaker-*` and `internet` answers: S3 by its prefix-list addresses, SageMaker by its endpoint
 * ENIs' addresses.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { loadModel } from "../../src/snapshot/load.js";
import type { Model } from "../../src/model/types.js";
import { destinationsOf, hostIn, sourcesOf, type ResolvedQuery } from "../generators/packets.js";
import { compare, describeComparison } from "./compare.js";
import { INCONSISTENT_FIXTURES, networkFixtures } from "../helpers/fixtures.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const folders = networkFixtures().filter((name) => !INCONSISTENT_FIXTURES.has(name));

/** Addresses in each AWS-managed S3 prefix list of the model (first and last host of each CIDR). */
function s3Addresses(model: Model): string[] {
  const lists = [...model.prefixLists.values()].filter((p) => p.prefixListName.endsWith(".s3") && p.cidrs);
  return lists.flatMap((p) => p.cidrs!.slice(0, 2).map((cidr) => hostIn(cidr, 7)));
}

describe("engine agrees with the reference on the example networks in fixtures/", () => {
  it.each(folders)("%s", async (folder) => {
    const model = await loadModel(join(FIXTURES, folder));
    const analyzer = createAnalyzer(model);
    const index = indexModel(model);
    const destinations = [...new Set([...destinationsOf(model), ...s3Addresses(model)])];
    const disagreements: string[] = [];
    let asked = 0;
    for (const from of sourcesOf(model)) {
      for (const dstIp of destinations) {
        for (const [protocol, port] of [["tcp", 443], ["tcp", 22], ["udp", 53]] as const) {
          const query: ResolvedQuery = { from, dstIp, protocol, port, clientPort: 40000, natPort: 40000 };
          const c = compare((q) => analyzer.query(q), model, index, query);
          asked++;
          if (!c.agree) disagreements.push(describeComparison(c));
        }
      }
    }
    expect(asked).toBeGreaterThan(0);
    expect(disagreements.slice(0, 3)).toEqual([]);
  });
});
