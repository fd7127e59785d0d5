/**
 * A Terraform plan laid over a collected network (`--snapshot live --snapshot plan.json`): the
 * records the plan updates replace the collected ones (no conflict), what it destroys leaves the
 * model (what referred to it dangles), what it creates is added (named by address when its id comes
 * only at apply), a replacement does both, and a part the plan changes on a record it does not hold
 * puts that record in doubt. The same two inputs in the other order are merged as any two inputs.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { loadModels } from "../../../src/snapshot/load.js";
import { writePlan } from "../../helpers/terraform-plan.js";

const LIVE = resolve(import.meta.dirname, "../../../fixtures/nat-notebook");
const VPC = "vpc-06c270c388eacc748";
const NOTEBOOK_SG = "sg-0ed6ca5cb329d07e4";
const NAT = "nat-065506c9f029b5ad7";

/** The notebook's group as the plan leaves it: HTTPS to the VPC only (no way to the internet). */
const NARROWED_GROUP = {
  id: NOTEBOOK_SG,
  name: "nat-notebook-sg",
  vpc_id: VPC,
  ingress: [],
  egress: [{ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.30.0.0/16"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }],
};

describe("a Terraform plan given after a collected network", () => {
  it("replaces the record it updates: the verdict follows the plan, with no conflict", async () => {
    const file = writePlan([{ address: "aws_security_group.notebook", actions: ["update"], before: { id: NOTEBOOK_SG }, after: NARROWED_GROUP }]);
    const model = await loadModels([LIVE, file]);
    expect(model.doubts.size).toBe(0);
    expect(model.securityGroups.get(NOTEBOOK_SG)!.egress.map((r) => r.ports)).toEqual([{ from: 443, to: 443 }]);
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "internet" });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt).toMatchObject({ component: NOTEBOOK_SG, type: "security-group" });
  });

  it("merges the same two inputs given the other way round, as any two inputs: the disagreement makes the answer unknown", async () => {
    const file = writePlan([{ address: "aws_security_group.notebook", actions: ["update"], before: { id: NOTEBOOK_SG }, after: NARROWED_GROUP }]);
    const model = await loadModels([file, LIVE]);
    expect(model.doubts.get(NOTEBOOK_SG)?.[0]?.kind).toBe("conflict");
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "internet" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt?.code).toBe("CONFLICTING_DATA");
  });

  it("removes what it destroys; the route to it then dangles and the answer through it is not reachable", async () => {
    const before = await loadModels([LIVE]);
    const natRoute = [...before.routeTables.values()].find((t) => t.routes.some((r) => r.target.kind === "nat" && r.target.id === NAT))!;
    const file = writePlan([{ address: "aws_nat_gateway.a", actions: ["delete"], before: { id: NAT, subnet_id: "subnet-0ee1d98a11cbde345" } }]);
    const model = await loadModels([LIVE, file]);
    expect(model.natGateways.has(NAT)).toBe(false);
    expect(model.danglingReferences).toContainEqual(expect.objectContaining({ fromId: natRoute.id, missingId: NAT }));
    expect(createAnalyzer(model).query({ from: "nat-notebook", to: "internet" }).verdict).not.toBe("reachable");
  });

  it("adds what it creates, named by its address when the id comes only at apply", async () => {
    const file = writePlan([
      {
        address: "aws_subnet.extra",
        actions: ["create"],
        after: { vpc_id: VPC, cidr_block: "10.30.20.0/24", availability_zone: "us-east-1a" },
        afterUnknown: { id: true },
      },
    ]);
    const model = await loadModels([LIVE, file]);
    expect(model.subnets.get("subnet-aws_subnet.extra")).toMatchObject({ vpcId: VPC, cidr: "10.30.20.0/24" });
    expect(model.subnets.size).toBe((await loadModels([LIVE])).subnets.size + 1);
  });

  it("replaces a resource (create then delete): the old id leaves, the new one is added by address, and what used the old one dangles", async () => {
    const file = writePlan([
      {
        address: "aws_security_group.notebook",
        actions: ["create", "delete"],
        before: { id: NOTEBOOK_SG },
        after: { ...NARROWED_GROUP, id: undefined },
        afterUnknown: { id: true },
      },
    ]);
    const model = await loadModels([LIVE, file]);
    expect(model.securityGroups.has(NOTEBOOK_SG)).toBe(false);
    expect(model.securityGroups.get("sg-aws_security_group.notebook")!.vpcId).toBe(VPC);
    expect(model.danglingReferences).toContainEqual(expect.objectContaining({ fromId: "nat-notebook", missingId: NOTEBOOK_SG }));
    expect(createAnalyzer(model).query({ from: "nat-notebook", to: "internet" }).verdict).toBe("unknown");
  });

  it("puts in doubt a collected record whose part it changes without holding the record", async () => {
    const before = await loadModels([LIVE]);
    const table = [...before.routeTables.values()].find((t) => t.routes.some((r) => r.target.kind === "nat"))!;
    const file = writePlan([
      { address: "aws_route.blackhole", actions: ["create"], after: { route_table_id: table.id, destination_cidr_block: "0.0.0.0/0", nat_gateway_id: NAT } },
    ]);
    const model = await loadModels([LIVE, file]);
    expect(model.doubts.get(table.id)?.[0]).toMatchObject({ kind: "plan-part" });
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "internet" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: table.id, code: "MISSING_DATA" });
  });
});

describe("vpcreach diff --before live --after live --after plan.json", () => {
  it("shows what the plan laid over the collected network changes, naming the plan's change", () => {
    const file = writePlan([{ address: "aws_security_group.notebook", actions: ["update"], before: { id: NOTEBOOK_SG }, after: NARROWED_GROUP }]);
    const cli = join(resolve(import.meta.dirname, "../../.."), "dist/cli/vpcreach.js");
    const result = spawnSync(process.execPath, [cli, "diff", "--before", LIVE, "--after", LIVE, "--after", file, "--format", "json"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const diff = JSON.parse(result.stdout) as { verdicts: { source: string; destination: string; before: { verdict: string }; after: { verdict: string }; causes: { resource: string; change: string }[] }[] };
    const internet = diff.verdicts.find((v) => v.source === "nat-notebook" && v.destination === "internet")!;
    expect([internet.before.verdict, internet.after.verdict]).toEqual(["reachable", "unreachable"]);
    expect(internet.causes).toContainEqual(expect.objectContaining({ resource: NOTEBOOK_SG, change: "modified" }));
  });
});

describe("a plan holding a transit gateway route table, laid over the hub-and-spoke fixture", () => {
  const HUB = resolve(import.meta.dirname, "../../../fixtures/hub-and-spoke");
  const SPOKES = "tgw-rtb-0731aa254145b0434";
  const plan = () =>
    writePlan([
      { address: "aws_ec2_transit_gateway_route_table.spokes", actions: ["update"], before: { id: SPOKES }, after: { id: SPOKES, transit_gateway_id: "tgw-0cc46f200d712ff57" } },
      { address: "aws_ec2_transit_gateway_route.internet", actions: ["update"], before: { id: `${SPOKES}_0.0.0.0/0` }, after: { id: `${SPOKES}_0.0.0.0/0`, destination_cidr_block: "0.0.0.0/0", blackhole: true, transit_gateway_route_table_id: SPOKES } },
    ]);

  it("replaces the table's collected routes and propagations with the plan's: the default route becomes the plan's blackhole", async () => {
    const model = await loadModels([HUB, plan()]);
    const table = model.transitGatewayRouteTables.get(SPOKES)!;
    expect(table.routes.map((r) => `${JSON.stringify(r.destination)} ${r.state}`)).toEqual(['{"kind":"cidr","cidr":"0.0.0.0/0"} blackhole']);
    expect(table.propagations).toEqual([]);
    const verdict = createAnalyzer(model).query({ from: "spoke-a-research", to: "internet" });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.component).toBe(SPOKES);
  });
});
