/**
 * The ml-platform network as the Terraform plan that creates it (fixtures/terraform/ml-platform/,
 * generated from the same builders as its describe-* twin): every row of the twin's expected
 * verdicts gives the same verdict and path, with each resource named by its Terraform address —
 * except where a value that decides the answer is known only after apply, and there the source is
 * left out: the bastion's public IP. The NAT gateways' Elastic IPs are allocated at apply, but any
 * address lets them reach the internet, so their answers are the twin's. The interface endpoints' network interfaces do not exist until apply, but their subnets
 * and security groups are known, so answers that hold for every address AWS may give them are given;
 * an answer that differs among those addresses is `unknown`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runAudit } from "../../../src/engine/audit.js";
import { createAnalyzer } from "../../../src/engine/index.js";
import type { Model } from "../../../src/model/types.js";
import { loadModel, loadModels } from "../../../src/snapshot/load.js";
import type { Expectation } from "../../../bench/fixtures/types.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const PLAN = join(ROOT, "fixtures/terraform/ml-platform");
const TWIN = join(ROOT, "fixtures/ml-platform");
const ROWS = (JSON.parse(readFileSync(join(ROOT, "fixtures/expected-verdicts.json"), "utf8")) as Record<string, Expectation[]>)["ml-platform"]!;

/** Every record of a model with an id and tags, by id. */
function records(model: Model): Map<string, { id: string; name: string | undefined; tags: Record<string, string> }> {
  const all = new Map<string, { id: string; name: string | undefined; tags: Record<string, string> }>();
  for (const value of Object.values(model)) {
    if (!(value instanceof Map)) continue;
    for (const record of value.values()) if (record && typeof record === "object" && "id" in record && "tags" in record) all.set(record.id, record);
  }
  return all;
}

/** Twin id → the plan's id of the resource with the same Name tag (the plan names it by address). */
function idMap(twin: Model, plan: Model): (id: string) => string {
  const planByName = new Map([...records(plan).values()].filter((r) => r.name).map((r) => [r.name, r.id]));
  const twinRecords = records(twin);
  return (id) => {
    const name = twinRecords.get(id)?.name;
    return (name && planByName.get(name)) ?? id;
  };
}

describe("the ml-platform plan (creates the network) against its describe-* twin", async () => {
  const twin = await loadModel(TWIN);
  const plan = await loadModel(PLAN);
  const analyzer = createAnalyzer(plan);
  const planId = idMap(twin, plan);

  it("names the resources it creates by their Terraform address", () => {
    expect(plan.vpcs.get("vpc-aws_vpc.ml_platform")?.tags["terraform:address"]).toBe("aws_vpc.ml_platform");
    expect(planId(ROWS[0]!.via![0]!)).toBe("rtb-aws_route_table.ml_platform_private_a");
  });

  for (const row of ROWS) {
    const publicInstance = row.fromName === "ml-bastion";
    const expected = publicInstance ? "left out (public IP at launch)" : row.verdict;
    it(`${row.fromName ?? row.from} → ${row.to}: ${expected}`, () => {
      if (publicInstance) {
        expect([...plan.instances.values()].some((i) => i.name === "ml-bastion")).toBe(false);
        expect(plan.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^aws_instance\.ml_bastion: public_ip is not known until apply/));
        return;
      }
      const from = row.fromName ? [...plan.instances.values()].find((i) => i.name === row.fromName)!.id : row.from;
      const verdict = analyzer.query({ from, to: row.to });
      const path = verdict.path.map((h) => h.component);
      expect(verdict.verdict).toBe(row.verdict);
      const via = (row.via ?? []).map(planId);
      // Interface endpoints are reached through the network interface AWS creates at apply, named by endpoint and subnet.
      expect(path.filter((id) => via.includes(id))).toEqual(via);
      for (const id of via) if (id !== "sagemaker-managed-network") expect(id).toMatch(/^[a-z]+-aws_/);
      for (const detail of row.details ?? []) expect(verdict.path.some((h) => h.details?.includes(detail))).toBe(true);
    });
  }

  it("reads the NAT gateways, their Elastic IPs named by the resource that allocates them at apply", () => {
    const nat = [...plan.natGateways.values()].find((n) => n.name === "ml-platform-nat-a")!;
    expect(nat.id).toBe("nat-aws_nat_gateway.ml_platform_nat_a");
    expect(nat.addresses[0]).toMatchObject({ publicIp: undefined, publicIpAtApply: expect.stringMatching(/^public_ip of aws_eip\./) });
  });

  it("gives the twin's findings (by resource name)", () => {
    const key = (model: Model, resource: string) => records(model).get(resource)?.name ?? resource;
    const findings = (model: Model) => runAudit(createAnalyzer(model)).findings.map((f) => `${f.rule} ${key(model, f.resource)}`).sort();
    // A VPC-only notebook reaching the internet is found from its internet answer, through a NAT gateway whose address only apply tells.
    expect(findings(twin)).toEqual(expect.arrayContaining(["notebook-vpc-only-internet research-notebook"]));
    expect(findings(plan)).toEqual(findings(twin));
  });
});

describe("interface endpoints whose network interfaces are created at apply", async () => {
  /** The plan with an egress rule of the private NACL denying HTTPS to part (or all) of private-b. */
  async function withNaclDeny(cidr: string): Promise<Model> {
    const model = await loadModels([PLAN]);
    const acl = model.networkAcls.get("acl-aws_network_acl.ml_platform_private")!;
    acl.entries.unshift({ ...acl.entries.find((e) => e.egress)!, ruleNumber: 50, action: "deny", cidr });
    return model;
  }

  it("answers reachable when the answer holds for every address AWS may pick", async () => {
    const verdict = createAnalyzer(await loadModels([PLAN])).query({ from: "research-notebook", to: "sagemaker-api" });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.reachableSubset).toBeUndefined();
    expect(verdict.path.map((h) => h.component)).toContain("vpce-aws_vpc_endpoint.ml_platform_sagemaker_api/subnet-aws_subnet.ml_platform_private_a");
  });

  it("is unknown when the network treats the addresses one interface may get differently", async () => {
    const verdict = createAnalyzer(await withNaclDeny("10.20.32.0/24")).query({ from: "research-notebook", to: "sagemaker-api" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.explanation).toContain("vpce-aws_vpc_endpoint.ml_platform_sagemaker_api/subnet-aws_subnet.ml_platform_private_b at apply");
  });

  it("keeps the other interfaces when one is blocked whatever its address", async () => {
    const verdict = createAnalyzer(await withNaclDeny("10.20.32.0/20")).query({ from: "research-notebook", to: "sagemaker-api" });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.reachableSubset?.addresses.join()).not.toContain("10.20.32.");
  });
});

describe("a plan that breaks the applied ml-platform, laid over it: vpcreach diff", () => {
  const BREAKING = join(ROOT, "fixtures/terraform/ml-platform-breaking/us-east-1.json");

  it("changes exactly the answers the destroyed NAT route and endpoint rule decide, each caused by the resource named by its address", () => {
    const cli = join(ROOT, "dist/cli/vpcreach.js");
    const result = spawnSync(process.execPath, [cli, "diff", "--before", TWIN, "--after", TWIN, "--after", BREAKING, "--format", "json"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const diff = JSON.parse(result.stdout) as {
      verdicts: { source: string; destination: string; before: { verdict: string }; after: { verdict: string; blockedAt?: { component: string; code: string } }; causes: { resource: string; address?: string; change: string }[] }[];
      configuration: { address?: string; change: string; details: string[] }[];
    };
    const endpointGroup = { resource: "sg-01efd8ef9ea1fa122", address: "aws_security_group.ml_vpc_endpoints", change: "modified" };
    const privateB = { resource: "rtb-092ef9f84f48c156e", address: "aws_route_table.ml_platform_private_b", change: "modified" };
    const changed = diff.verdicts.map((v) => ({
      answer: `${v.source} → ${v.destination}: ${v.before.verdict} → ${v.after.verdict} at ${v.after.blockedAt?.component} (${v.after.blockedAt?.code})`,
      causes: v.causes.map(({ resource, address, change }) => ({ resource, address, change })),
    }));
    const api = "vpce-0c390668c6554e188";
    const runtime = "vpce-0996d40767e3427e6";
    const throughEndpoint = (notebook: string) => [
      { answer: `${notebook} → sagemaker-api: reachable → unreachable at ${api} (ENI_SG_RULES_MISMATCH)`, causes: [endpointGroup] },
      { answer: `${notebook} → sagemaker-runtime: reachable → unreachable at ${runtime} (ENI_SG_RULES_MISMATCH)`, causes: [endpointGroup] },
    ];
    expect(changed).toEqual([
      ...throughEndpoint("feature-eng"),
      ...throughEndpoint("research-notebook"),
      // sandbox-direct (direct internet access): its VPC's resolver now leads to the blocked endpoint, the
      // managed network's to the public addresses (reachable); which one it asks is undocumented.
      { answer: "sandbox-direct → sagemaker-api: reachable → unknown at sandbox-direct (UNKNOWN_DESTINATION)", causes: [endpointGroup] },
      { answer: "sandbox-direct → sagemaker-runtime: reachable → unknown at sandbox-direct (UNKNOWN_DESTINATION)", causes: [endpointGroup] },
      { answer: "training-prep → internet: reachable → unreachable at rtb-092ef9f84f48c156e (NO_ROUTE_TO_DESTINATION)", causes: [privateB] },
      ...throughEndpoint("training-prep"),
    ]);
    // Resources the plan holds unchanged compare equal to their collected copies.
    expect(diff.configuration.filter((c) => c.address !== "aws_vpc.ml_platform").map((c) => c.address)).toEqual([privateB.address, endpointGroup.address]);
  });
});
