import { describe, expect, it } from "vitest";
import { architectureDiagram } from "../../src/diagram/architecture.js";
import { indexModel } from "../../src/model/indexes.js";
import { InputError } from "../../src/model/errors.js";
import type { Model } from "../../src/model/types.js";
import { ancestry, hasClass, parseMermaid } from "./mermaid-parse.js";
import { IDS, hostileVpc, manySubnets, peeredVpcs, sagemakerVpc } from "./networks.js";

function draw(model: Model, options: Parameters<typeof architectureDiagram>[1] = {}) {
  const source = architectureDiagram(indexModel(model), options);
  return { source, diagram: parseMermaid(source) };
}

describe("architectureDiagram on a two-AZ SageMaker VPC", () => {
  const { source, diagram } = draw(sagemakerVpc());
  const region = "region_111122223333_us_east_1";

  it("nests Region › VPC › Availability Zone › subnet › resource", () => {
    expect(ancestry(diagram, "nb_research")).toEqual([region, "vpc_0aaa", "vpc_0aaa_us_east_1a", "subnet_0qa", "nb_research"]);
    expect(ancestry(diagram, "nat_0bbb")).toEqual([region, "vpc_0aaa", "vpc_0aaa_us_east_1b", "subnet_0pb", "nat_0bbb"]);
    expect(ancestry(diagram, "i_0web")).toEqual([region, "vpc_0aaa", "vpc_0aaa_us_east_1a", "subnet_0pa", "i_0web"]);
    expect(diagram.items.get("vpc_0aaa_us_east_1a")?.label).toBe("Availability Zone us-east-1a");
  });

  it("puts the internet gateway and the gateway endpoint on the VPC, outside any AZ", () => {
    expect(ancestry(diagram, "igw_0aaa")).toEqual([region, "vpc_0aaa", "igw_0aaa"]);
    expect(ancestry(diagram, "vpce_0s3")).toEqual([region, "vpc_0aaa", "vpce_0s3"]);
  });

  it("puts interface endpoints in each of their subnets", () => {
    expect(ancestry(diagram, "subnet_0qa_endpoints")).toEqual([region, "vpc_0aaa", "vpc_0aaa_us_east_1a", "subnet_0qa", "subnet_0qa_endpoints"]);
    expect(ancestry(diagram, "subnet_0qb_endpoints")).toEqual([region, "vpc_0aaa", "vpc_0aaa_us_east_1b", "subnet_0qb", "subnet_0qb_endpoints"]);
    expect(diagram.items.get("subnet_0qa_endpoints")?.label).toContain("SageMaker API · vpce-0api");
  });

  it("draws the Internet outside every Region and the AWS services in the Region, outside the VPC", () => {
    expect(ancestry(diagram, "internet_0")).toEqual(["internet_0"]);
    expect(ancestry(diagram, "svc_us_east_1_s3")).toEqual([region, "services_111122223333_us_east_1", "svc_us_east_1_s3"]);
    for (const id of ["svc_us_east_1_sagemaker_api", "svc_us_east_1_sagemaker_runtime"]) expect(diagram.items.has(id)).toBe(true);
  });

  it("styles public and private subnets differently, using classifySubnet", () => {
    for (const id of ["subnet_0pa", "subnet_0pb"]) expect(hasClass(diagram, id, "publicSubnet")).toBe(true);
    for (const id of ["subnet_0qa", "subnet_0qb"]) expect(hasClass(diagram, id, "privateSubnet")).toBe(true);
    expect(diagram.items.get("subnet_0pa")?.label).toContain("Public subnet · 10.0.0.0/24");
    expect(diagram.classDefs.get("publicSubnet")).toContain("#7AA116");
  });

  it("draws the routes that matter as edges labelled with their destination", () => {
    const edges = diagram.edges.map((e) => `${e.from} ${e.arrow} ${e.to} ${e.label ?? ""}`.trim());
    expect(edges).toContain("subnet_0pa --> igw_0aaa 0.0.0.0/0");
    expect(edges).toContain("subnet_0qa --> nat_0aaa 0.0.0.0/0");
    expect(edges).toContain("subnet_0qb --> nat_0bbb 0.0.0.0/0");
    expect(edges).toContain("subnet_0qa --> vpce_0s3 pl-63a5400a (S3)");
    expect(edges).toContain("igw_0aaa --> internet_0");
    expect(edges).toContain("vpce_0s3 --> svc_us_east_1_s3");
    expect(edges).toContain("subnet_0qa_endpoints --> services_111122223333_us_east_1 PrivateLink");
    // No edge for the local route, none per security group or NACL rule.
    expect(edges.some((e) => e.includes("10.0.0.0/16"))).toBe(false);
  });

  it("is deterministic: the same model gives the same text, whatever the map insertion order", () => {
    const model = sagemakerVpc();
    const reversed: Model = { ...model, subnets: new Map([...model.subnets].reverse()), notebooks: new Map([...model.notebooks].reverse()), vpcEndpoints: new Map([...model.vpcEndpoints].reverse()) };
    expect(architectureDiagram(indexModel(reversed))).toBe(source);
    expect(architectureDiagram(indexModel(sagemakerVpc()))).toBe(source);
  });
});

describe("architectureDiagram with a peering connection", () => {
  it("draws the peering connection in the Region with the peer VPC, and each side's route to it", () => {
    const { diagram } = draw(peeredVpcs());
    expect(ancestry(diagram, "pcx_0peer")).toEqual(["region_111122223333_us_east_1", "pcx_0peer"]);
    expect(diagram.items.get("pcx_0peer")?.label).toContain("vpc-0aaa ↔ vpc-0data");
    const labels = diagram.edges.filter((e) => e.to === "pcx_0peer").map((e) => `${e.from} ${e.label}`);
    expect(labels).toEqual(["subnet_0qa 10.1.0.0/16", "subnet_0data 10.0.0.0/16"]);
  });
});

describe("architectureDiagram options", () => {
  it("focuses on one VPC with vpcId", () => {
    const { diagram } = draw(sagemakerVpc(), { vpcId: IDS.vpc });
    expect(diagram.items.has("vpc_0aaa")).toBe(true);
  });

  it("rejects an unknown vpcId with an InputError naming it and the VPCs there are", () => {
    expect(() => draw(sagemakerVpc(), { vpcId: "vpc-0nope" })).toThrow(InputError);
    expect(() => draw(sagemakerVpc(), { vpcId: "vpc-0nope" })).toThrow(/vpc-0nope.*vpc-0aaa/);
  });

  it("collapses runs of similar subnets past the threshold into one box per AZ", () => {
    const { diagram } = draw(manySubnets(30), { collapseThreshold: 4 });
    const runs = [...diagram.items.values()].filter((item) => hasClass(diagram, item.id, "collapsed"));
    expect(runs).toHaveLength(3);
    expect(runs.map((r) => r.label.split("<br>")[0])).toEqual(["10 private subnets", "10 private subnets", "10 private subnets"]);
    for (const run of runs) expect(ancestry(diagram, run.id)[2]).toMatch(/^vpc_0big_us_east_1[abc]$/);
    // The run keeps its route: one edge per run, not one per subnet.
    expect(diagram.edges.filter((e) => e.to === "nat_0big")).toHaveLength(3);
    // Public subnets hold nothing notable but are too few to collapse.
    expect(diagram.items.has("subnet_pub1")).toBe(true);
  });

  it("draws every subnet when the runs are within the threshold", () => {
    const { diagram } = draw(manySubnets(30), { collapseThreshold: 10 });
    expect([...diagram.items.keys()].filter((id) => id.startsWith("subnet_p0"))).toHaveLength(30);
  });

  it("draws 1,000 subnets as a diagram that parses", () => {
    const { diagram } = draw(manySubnets(1000), { collapseThreshold: 2000 });
    expect([...diagram.items.keys()].filter((id) => id.startsWith("subnet_p0"))).toHaveLength(1000);
  });
});

describe("architectureDiagram with hostile tags", () => {
  const { source, diagram } = draw(hostileVpc());

  it("still parses, with every id plain and every label free of quotes, raw angle brackets and newlines", () => {
    for (const item of diagram.items.values()) {
      expect(item.id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(item.label.replaceAll("<br>", "")).not.toMatch(/["<>\n\r]/);
    }
    expect(source).not.toContain("<script");
    expect(source).not.toContain("<img");
    expect(source).not.toMatch(/%%\{/);
  });

  it("keeps the structure of the tame network: same ids, same nesting, same edges", () => {
    const tame = parseMermaid(architectureDiagram(indexModel(sagemakerVpc())));
    expect([...diagram.items.keys()].sort()).toEqual([...tame.items.keys()].sort());
    for (const id of diagram.items.keys()) expect(ancestry(diagram, id)).toEqual(ancestry(tame, id));
    expect(diagram.edges.map((e) => `${e.from}>${e.to}`)).toEqual(tame.edges.map((e) => `${e.from}>${e.to}`));
  });

  it("shows the escaped tag text", () => {
    expect(source).toContain("#lt;script#gt;alert(1)#lt;/script#gt;");
  });
});
