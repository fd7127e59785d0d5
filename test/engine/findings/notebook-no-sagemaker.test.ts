/**
 * notebook-no-sagemaker: a notebook that is proven unable to reach the SageMaker API or runtime is a
 * finding (high without the API, medium without only the runtime); reachable or undetermined
 * verdicts, and notebooks outside a VPC, are not.
 */
import { describe, expect, it } from "vitest";
import * as noSagemaker from "../../../src/engine/findings/notebook-no-sagemaker.js";
import type { ReachLookup } from "../../../src/engine/findings/types.js";
import type { Verdict } from "../../../src/engine/verdict.js";
import type { Notebook } from "../../../src/model/types.js";
import { makeIndex, notebook } from "./model.js";
import { blockedByAcl, reachableWithEndpointUrl, unknownAtTgw } from "./verdicts.js";

type Kind = Verdict["verdict"];

const VERDICTS: Record<Kind, () => Verdict> = {
  reachable: () => reachableWithEndpointUrl(),
  unreachable: () => blockedByAcl(),
  unknown: () => unknownAtTgw(),
};

/** Answers the API and runtime questions with the given kinds of verdict, recording what was asked. */
function reachOf(api: Kind, runtime: Kind): ReachLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    verdict(source, destination) {
      asked.push(`${source}→${destination}`);
      return VERDICTS[destination === "sagemaker-api" ? api : runtime]();
    },
  };
}

interface Case {
  name: string;
  api: Kind;
  runtime: Kind;
  notebook?: Partial<Notebook>;
  expected: { severity: string; title: string } | undefined;
}

const cases: Case[] = [
  { name: "both reachable", api: "reachable", runtime: "reachable", expected: undefined },
  { name: "both undetermined", api: "unknown", runtime: "unknown", expected: undefined },
  { name: "API undetermined, runtime reachable", api: "unknown", runtime: "reachable", expected: undefined },
  { name: "both blocked", api: "unreachable", runtime: "unreachable", expected: { severity: "high", title: "Notebook research cannot reach the SageMaker API or the SageMaker runtime" } },
  { name: "API blocked", api: "unreachable", runtime: "reachable", expected: { severity: "high", title: "Notebook research cannot reach the SageMaker API" } },
  { name: "runtime blocked", api: "reachable", runtime: "unreachable", expected: { severity: "medium", title: "Notebook research cannot reach the SageMaker runtime" } },
  { name: "runtime blocked, API undetermined", api: "unknown", runtime: "unreachable", expected: { severity: "medium", title: "Notebook research cannot reach the SageMaker runtime" } },
  { name: "outside a VPC (SageMaker's own network)", api: "unreachable", runtime: "unreachable", notebook: { subnetId: undefined, directInternetAccess: true }, expected: undefined },
];

describe(noSagemaker.meta.id, () => {
  it.each(cases)("$name", (c) => {
    const reach = reachOf(c.api, c.runtime);
    const findings = noSagemaker.check(makeIndex({ notebooks: [notebook(c.notebook)] }), reach);
    if (!c.expected) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.rule).toBe("notebook-no-sagemaker");
    expect(finding?.resource).toBe("research");
    expect(finding?.severity).toBe(c.expected.severity);
    expect(finding?.title).toBe(c.expected.title);
    // The detail names where the traffic stops, and the fix is the engine's fix for that block.
    expect(finding?.detail).toContain("acl-1 (SUBNET_ACL_RESTRICTION)");
    expect(finding?.fix).toBe(blockedByAcl().fix);
  });

  it("asks only for the SageMaker API and runtime verdicts", () => {
    const reach = reachOf("unreachable", "unreachable");
    noSagemaker.check(makeIndex({ notebooks: [notebook()] }), reach);
    expect(reach.asked).toEqual(["research→sagemaker-api", "research→sagemaker-runtime"]);
  });
});
