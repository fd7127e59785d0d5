/**
 * A small hand-written plan (test/snapshot/terraform/notebook-plan.json, format 1.2) of a VPC-only
 * notebook: ids known only at apply are followed through the configuration's references (an indexed
 * `aws_subnet.private[0]` picks that instance), resources are named by address in the proof, and a
 * security group Terraform creates has only the egress rules it declares (the provider removes AWS's
 * default allow-all). `vpcreach diff` between the plan and a fixed one names the group's change.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { loadModel } from "../../../src/snapshot/load.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const PLAN = join(import.meta.dirname, "notebook-plan.json");

/** The plan with an egress rule for HTTPS anywhere on the notebook's group. */
function planWithEgress(): string {
  const plan = JSON.parse(readFileSync(PLAN, "utf8")) as { planned_values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } } };
  const group = plan.planned_values.root_module.resources.find((r) => r.address === "aws_security_group.notebook")!;
  group.values.egress = [{ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }];
  const file = join(mkdtempSync(join(tmpdir(), "vpcreach-tf-")), "plan.json");
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe("a plan that creates a VPC-only notebook", () => {
  it("places the notebook in the subnet and group its references name", async () => {
    const model = await loadModel(PLAN);
    expect(model.notebooks.get("research")).toMatchObject({ subnetId: "subnet-aws_subnet.private[0]", securityGroupIds: ["sg-aws_security_group.notebook"], directInternetAccess: false });
    expect(model.subnets.get("subnet-aws_subnet.private[1]")!.vpcId).toBe("vpc-aws_vpc.ml");
  });

  it("blocks at the group Terraform created without egress rules, named by address", async () => {
    const verdict = createAnalyzer(await loadModel(PLAN)).query({ from: "research", to: "s3" });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt).toMatchObject({ component: "sg-aws_security_group.notebook", type: "security-group" });
  });

  it("vpcreach diff names the plan change that opens it", () => {
    const result = spawnSync(process.execPath, [join(ROOT, "dist/cli/vpcreach.js"), "diff", "--before", PLAN, "--after", planWithEgress(), "--format", "json"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const diff = JSON.parse(result.stdout) as { verdicts: { source: string; destination: string; before: { verdict: string }; after: { verdict: string; blockedAt?: { component: string } }; causes: { resource: string; change: string }[] }[] };
    const s3 = diff.verdicts.find((v) => v.destination === "s3")!;
    expect(s3.before.verdict).toBe("unreachable");
    expect(s3.after.blockedAt?.component).not.toBe("sg-aws_security_group.notebook");
    expect(s3.causes).toContainEqual(expect.objectContaining({ resource: "sg-aws_security_group.notebook", change: "modified" }));
  });
});
