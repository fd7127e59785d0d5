/**
 * SageMaker workloads on the architecture view (the sagemaker-workloads fixture): jobs and models in
 * the first subnet of their VpcConfig, those without one at Region level with an edge to SageMaker's
 * managed network, the Studio domain in its subnet, and nothing VPC-less when one VPC is asked for.
 */
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { architectureDiagram } from "../../src/diagram/architecture.js";
import { pathDiagram } from "../../src/diagram/path.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { loadModel } from "../../src/snapshot/load.js";
import { ancestry, parseMermaid } from "./mermaid-parse.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/sagemaker-workloads", import.meta.url));

describe("SageMaker workloads on the architecture view", async () => {
  const model = await loadModel(FIXTURE);
  const vpc = [...model.vpcs.keys()][0] as string;
  const training = [...model.subnets.values()].find((s) => s.name === "ml-workloads-training-a")?.id as string;
  const diagram = parseMermaid(architectureDiagram(indexModel(model)));
  const idOf = (text: string) => [...diagram.items.values()].find((item) => item.label.includes(text))?.id as string;

  it("draws a job inside the subnet of its VpcConfig, even a subnet that holds nothing else", () => {
    const job = idOf("churn-training");
    expect(job).toBeDefined();
    expect(ancestry(diagram, job)).toContain(idOf(training));
  });

  it("links a job and a model without VpcConfig to SageMaker's managed network, and names the endpoints hosting a model", () => {
    const managed = idOf("SageMaker-managed network");
    const from = diagram.edges.filter((e) => e.to === managed).map((e) => diagram.items.get(e.from)?.label ?? "");
    expect(from.some((label) => label.includes("feature-processing") && label.includes("no VpcConfig"))).toBe(true);
    expect(from.some((label) => label.includes("open-model") && label.includes("endpoint open-live"))).toBe(true);
    expect(diagram.items.get(idOf("sealed-training"))?.label).toContain("network isolation");
  });

  it("draws the Studio domain in its subnet with its user profiles and spaces counted", () => {
    expect(diagram.items.get(idOf("Studio domain"))?.label).toContain("1 user profile, 2 spaces");
  });

  it("leaves VPC-less workloads out when one VPC is asked for", () => {
    const one = parseMermaid(architectureDiagram(indexModel(model), { vpcId: vpc }));
    const labels = [...one.items.values()].map((item) => item.label).join("\n");
    expect(labels).not.toContain("feature-processing");
    expect(labels).toContain("churn-training");
  });

  it("a path view from a workload starts at its node", () => {
    const verdict = createAnalyzer(model).query({ from: "endpoint/ranker-live", to: "internet" });
    const path = parseMermaid(pathDiagram(indexModel(model), verdict));
    const first = path.edges.find((e) => e.label?.replace(/"/g, "") === "1");
    expect(path.items.get(first?.from ?? "")?.label).toContain("SageMaker model");
  });
});
