/**
 * SageMaker workloads as sources: jobs, models, endpoints, Studio user profiles and spaces — where
 * their traffic goes (VpcConfig subnets, SageMaker's managed network, nowhere with isolation), the
 * places they may run, and the `unknown` answers when the snapshot lacks their settings.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { InputError } from "../../src/model/errors.js";
import { studioKey, type JobKind, type SageMakerJob, type WorkloadNetwork } from "../../src/model/types.js";
import { TestModel } from "./helpers/model-builder.js";

const origin = { file: "t", jsonPath: "$" };

/** A VPC with a private subnet routed through a NAT gateway and a subnet with no route out. */
function network() {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const pub = t.subnet(vpc, "10.0.0.0/24");
  const priv = t.subnet(vpc, "10.0.1.0/24");
  const closed = t.subnet(vpc, "10.0.2.0/24");
  t.routeTable(vpc, [pub], [["0.0.0.0/0", t.igw(vpc)]]);
  t.routeTable(vpc, [priv], [["0.0.0.0/0", t.nat(pub)]]);
  t.routeTable(vpc, [closed], []);
  const sg = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
  return { t, vpc, pub, priv, closed, sg };
}

const base = (t: TestModel, id: string) => ({ id, scope: t.scope, name: id, tags: {}, origin, arn: undefined });
const net = (subnets: string[] | undefined, sg: string, networkIsolation = false, label?: string): WorkloadNetwork => ({
  label,
  vpcConfig: subnets ? { subnetIds: subnets, securityGroupIds: [sg] } : undefined,
  networkIsolation,
});

function addJob(t: TestModel, kind: JobKind, name: string, networks: WorkloadNetwork[], missingData?: string): void {
  const job: SageMakerJob = { ...base(t, name), kind, status: "InProgress", networks, ...(missingData ? { missingData } : {}) };
  const map = kind === "training-job" ? t.m.trainingJobs : kind === "processing-job" ? t.m.processingJobs : t.m.tuningJobs;
  map.set(name, job);
}

describe("jobs", () => {
  it("a training job with VpcConfig goes through its subnet (NAT); without one, through SageMaker's managed network", () => {
    const { t, priv, sg } = network();
    addJob(t, "training-job", "in-vpc", [net([priv], sg)]);
    addJob(t, "training-job", "open", [net(undefined, sg)]);
    const a = createAnalyzer(t.build());
    const inVpc = a.query({ from: "job/in-vpc", to: "internet" });
    expect(inVpc.verdict).toBe("reachable");
    expect(inVpc.source).toMatchObject({ id: "training-job/in-vpc", type: "training-job" });
    expect(inVpc.path.map((h) => h.type)).toContain("nat-gateway");
    const open = a.query({ from: "training-job/open", to: "internet" });
    expect(open.verdict).toBe("reachable");
    expect(open.path.map((h) => h.component)).toContain("sagemaker-managed-network");
    expect(a.query({ from: "job/open", to: "10.0.1.9" }).blockedAt?.code).toBe("SAGEMAKER_NO_VPC");
  });

  it("network isolation blocks everything at the job, even S3 from inside the VPC", () => {
    const { t, priv, sg } = network();
    addJob(t, "processing-job", "sealed", [net([priv], sg, true)]);
    const a = createAnalyzer(t.build());
    for (const to of ["internet", "s3", "10.0.1.9"]) {
      const v = a.query({ from: "processing-job/sealed", to });
      expect(v.verdict).toBe("unreachable");
      expect(v.blockedAt).toMatchObject({ component: "processing-job/sealed", type: "processing-job", code: "SAGEMAKER_NETWORK_ISOLATION" });
      expect(v.fix).toContain("EnableNetworkIsolation");
    }
  });

  it("a job whose subnets differ: unknown, naming each place's verdict, with every place in the warnings", () => {
    const { t, priv, closed, sg } = network();
    addJob(t, "training-job", "split", [net([priv, closed], sg)]);
    const v = createAnalyzer(t.build()).query({ from: "job/split", to: "internet" });
    // Which subnet SageMaker places it in is in no describe output: neither answer holds for every run.
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "training-job/split", type: "training-job", code: "MISSING_DATA", direction: "forward" });
    expect(v.explanation).toContain(`reachable from ${priv}, unreachable from ${closed}`);
    expect(v.explanation).toContain(`From ${closed}: `);
    expect(v.warnings.filter((w) => w.startsWith(`from ${priv}: reachable — `))).toHaveLength(1);
    expect(v.warnings.filter((w) => w.startsWith(`from ${closed}: unreachable — `))).toHaveLength(1);
  });

  it("a tuning job is answered from each training definition", () => {
    const { t, priv, sg } = network();
    addJob(t, "tuning-job", "tune", [net([priv], sg, false, "a"), net([priv], sg, true, "b")]);
    const v = createAnalyzer(t.build()).query({ from: "tuning-job/tune", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.explanation).toMatch(/^Depends on where tuning-job\/tune runs \(a in subnet-[0-9a-f]+, b\), which the snapshot does not say: reachable from a in subnet-[0-9a-f]+, unreachable from b\. From b: /);
    expect(v.fix).toContain("EnableNetworkIsolation");
  });

  it("a listed-only job answers unknown naming the describe call", () => {
    const { t } = network();
    addJob(t, "training-job", "listed", [], "only listed by list-training-jobs");
    const v = createAnalyzer(t.build()).query({ from: "job/listed", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("MISSING_DATA");
    expect(v.fix).toContain("describe-training-job");
  });

  it("job/NAME naming jobs of two kinds, or none, is an input error", () => {
    const { t, priv, sg } = network();
    addJob(t, "training-job", "twin", [net([priv], sg)]);
    addJob(t, "processing-job", "twin", [net([priv], sg)]);
    const a = createAnalyzer(t.build());
    expect(() => a.query({ from: "job/twin", to: "internet" })).toThrow(/source "job\/twin" is ambiguous: it names 2 jobs, processing-job\/twin, training-job\/twin; give one/);
    expect(() => a.query({ from: "job/none", to: "internet" })).toThrow(InputError);
    expect(a.query({ from: "processing-job/twin", to: "internet" }).verdict).toBe("reachable");
  });
});

describe("models and endpoints", () => {
  function withEndpoint(models: Record<string, WorkloadNetwork>, variants: [string, string | undefined][], configIsolation = false) {
    const n = network();
    const { t } = n;
    for (const [name, network] of Object.entries(models)) t.m.models.set(name, { ...base(t, name), network });
    t.m.endpointConfigs.set("cfg", { ...base(t, "cfg"), variants: variants.map(([variantName, modelName]) => ({ variantName, modelName })), network: net(undefined, n.sg, configIsolation) });
    t.m.endpoints.set("live", { ...base(t, "live"), status: "InService", endpointConfigName: "cfg" });
    return { ...n, a: createAnalyzer(t.build()) };
  }

  it("an endpoint runs its variant's model: in the model's VPC subnet", () => {
    const n = network();
    const { a } = withEndpoint({ m: net([n.priv], n.sg) }, [["v1", "m"]]);
    const v = a.query({ from: "endpoint/live", to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(v.source).toMatchObject({ id: "endpoint/live", type: "sagemaker-endpoint" });
    expect(v.path[0]?.evidence[0]?.text).toContain("variant v1 (model m)");
  });

  it("an endpoint whose model is isolated reaches nothing; the model itself says the same", () => {
    const n = network();
    const { a } = withEndpoint({ m: net(undefined, n.sg, true) }, [["v1", "m"]]);
    expect(a.query({ from: "endpoint/live", to: "s3" }).blockedAt?.code).toBe("SAGEMAKER_NETWORK_ISOLATION");
    expect(a.query({ from: "model/m", to: "s3" }).blockedAt).toMatchObject({ component: "model/m", code: "SAGEMAKER_NETWORK_ISOLATION" });
  });

  it("endpoint configuration isolation covers every variant", () => {
    const n = network();
    const { a } = withEndpoint({ m: net(undefined, n.sg) }, [["v1", "m"]], true);
    expect(a.query({ from: "endpoint/live", to: "internet" }).blockedAt?.code).toBe("SAGEMAKER_NETWORK_ISOLATION");
  });

  it("an endpoint whose variant's model is not in the snapshot answers unknown naming describe-model", () => {
    const n = network();
    const { a } = withEndpoint({ m: net(undefined, n.sg) }, [["v1", "m"], ["v2", "gone"]]);
    const v = a.query({ from: "endpoint/live", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.explanation).toContain("variant v2 (model gone)");
    expect(v.fix).toContain("describe-model --model-name gone");
  });

  it("an endpoint whose configuration is missing answers unknown naming describe-endpoint-config", () => {
    const { t } = network();
    t.m.endpoints.set("orphan", { ...base(t, "orphan"), status: "InService", endpointConfigName: "cfg-gone" });
    const v = createAnalyzer(t.build()).query({ from: "endpoint/orphan", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.fix).toContain("describe-endpoint-config --endpoint-config-name cfg-gone");
  });
});

describe("Studio user profiles and spaces", () => {
  function studio(mode: "VpcOnly" | "PublicInternetOnly") {
    const n = network();
    const { t, vpc, priv, sg } = n;
    const userSg = t.sg(vpc, { egress: ["tcp 443 0.0.0.0/0"] });
    const spaceSg = t.sg(vpc, { egress: [] });
    t.m.domains.set("d-abc", {
      ...base(t, "d-abc"), domainName: "research", appNetworkAccessType: mode, vpcId: vpc, subnetIds: [priv],
      securityGroupIds: [sg], spaceSecurityGroupIds: [spaceSg],
    });
    const profile = (name: string, groups: string[]) => t.m.userProfiles.set(studioKey("d-abc", name), { ...base(t, studioKey("d-abc", name)), domainId: "d-abc", userProfileName: name, status: "InService", securityGroupIds: groups });
    profile("alice", [userSg]);
    const space = (name: string, sharingType: "Private" | "Shared" | undefined, owner?: string) =>
      t.m.spaces.set(studioKey("d-abc", name), { ...base(t, studioKey("d-abc", name)), domainId: "d-abc", spaceName: name, status: "InService", sharingType, ownerUserProfileName: owner });
    space("team", "Shared", "alice");
    space("solo", "Private", "alice");
    space("orphaned", "Private", "bob");
    space("old", undefined, "alice");
    return { ...n, userSg, spaceSg, a: createAnalyzer(t.build()) };
  }

  it("a user profile uses the domain's subnets with the domain's default groups plus its own", () => {
    const { a, sg, userSg } = studio("VpcOnly");
    const byName = a.query({ from: "user/research/alice", to: "internet" });
    const byId = a.query({ from: "user/d-abc/alice", to: "internet" });
    expect(byName.verdict).toBe("reachable");
    expect(byName.source).toMatchObject({ id: "user/d-abc/alice", type: "studio-user-profile" });
    expect(byId.path[0]?.evidence[0]?.text).toContain(`groups ${sg}, ${userSg}`);
  });

  it("a shared space uses DefaultSpaceSettings groups (here: no egress rule), a private one its owner's", () => {
    const { a, spaceSg } = studio("VpcOnly");
    const shared = a.query({ from: "space/d-abc/team", to: "internet" });
    expect(shared.verdict).toBe("unreachable");
    expect(shared.blockedAt).toMatchObject({ component: spaceSg, code: "SG_HAS_NO_RULES" });
    expect(a.query({ from: "space/research/solo", to: "internet" }).verdict).toBe("reachable");
  });

  it("a private space whose owner is not in the snapshot, or with no sharing settings, answers unknown", () => {
    const { a } = studio("VpcOnly");
    expect(a.query({ from: "space/d-abc/orphaned", to: "internet" })).toMatchObject({ verdict: "unknown", blockedAt: { code: "MISSING_DATA" } });
    expect(a.query({ from: "space/d-abc/old", to: "internet" }).explanation).toContain("no SpaceSharingSettings");
  });

  describe("a VpcOnly domain in several subnets (its apps may run in any)", () => {
    /** The domain of `studio` with a second subnet: `closed` (no route out), or `priv2` (NAT, like priv). */
    function twoSubnets(second: "closed" | "alike") {
      const { t, vpc, pub, priv, closed, sg } = network();
      const other = second === "closed" ? closed : t.subnet(vpc, "10.0.3.0/24");
      if (second === "alike") t.routeTable(vpc, [other], [["0.0.0.0/0", t.nat(pub)]]);
      t.m.domains.set("d-two", { ...base(t, "d-two"), domainName: "two", appNetworkAccessType: "VpcOnly", vpcId: vpc, subnetIds: [priv, other], securityGroupIds: [sg], spaceSecurityGroupIds: [] });
      t.m.userProfiles.set(studioKey("d-two", "carol"), { ...base(t, studioKey("d-two", "carol")), domainId: "d-two", userProfileName: "carol", status: "InService", securityGroupIds: [] });
      return { priv, other, a: createAnalyzer(t.build()) };
    }

    it.each(["domain/two", "user/two/carol"])("%s: unknown where the subnets differ, naming each subnet's verdict (was: unreachable)", (from) => {
      const { priv, other, a } = twoSubnets("closed");
      const v = a.query({ from, to: "internet" });
      expect(v.verdict).toBe("unknown");
      expect(v.blockedAt).toMatchObject({ component: v.source.id, code: "MISSING_DATA", rule: { text: `${v.source.id} may run in ${priv}, ${other}: reachable from ${priv}, unreachable from ${other}` } });
      expect(v.warnings.filter((w) => w.startsWith(`from ${priv}: reachable — `) || w.startsWith(`from ${other}: unreachable — `))).toHaveLength(2);
      expect(v.fix).toContain(`make ${priv}, ${other} treat this traffic alike`);
    });

    it("the verdict where every subnet gives it, the path from the first", () => {
      const { priv, other, a } = twoSubnets("alike");
      const v = a.query({ from: "domain/two", to: "internet" });
      expect(v.verdict).toBe("reachable");
      expect(v.warnings).toContain(`the same verdict from each place ${v.source.id} may run (${priv}, ${other}); the path shown is from ${priv}`);
    });
  });

  it("PublicInternetOnly: a user's apps reach the internet through SageMaker's managed network", () => {
    const { a } = studio("PublicInternetOnly");
    const v = a.query({ from: "user/d-abc/alice", to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.map((h) => h.component)).toContain("sagemaker-managed-network");
  });

  it("a domain name two domains share (in two accounts) is ambiguous: the error lists the domain ids, which answer", () => {
    const { t, vpc, priv, sg } = network();
    const other = { account: "444455556666", region: t.scope.region };
    for (const [id, scope] of [["d-abc", t.scope], ["d-xyz", other]] as const) {
      t.m.domains.set(id, { ...base(t, id), scope, domainName: "research", appNetworkAccessType: "VpcOnly", vpcId: vpc, subnetIds: [priv], securityGroupIds: [sg], spaceSecurityGroupIds: [] });
      t.m.userProfiles.set(studioKey(id, "alice"), { ...base(t, studioKey(id, "alice")), scope, domainId: id, userProfileName: "alice", status: "InService", securityGroupIds: [] });
    }
    const a = createAnalyzer(t.build());
    const ambiguous = /Studio domain name "research" is ambiguous: 2 domains have it; give the domain id instead, one of d-abc \(.*\), d-xyz \(444455556666\/.*\)/;
    expect(() => a.query({ from: "user/research/alice", to: "internet" })).toThrow(ambiguous);
    expect(() => a.query({ from: "domain/research", to: "internet" })).toThrow(ambiguous);
    expect(a.query({ from: "user/d-xyz/alice", to: "internet" }).source).toMatchObject({ id: "user/d-xyz/alice" });
  });

  it("an unknown profile or space is an input error naming the form", () => {
    const { a } = studio("VpcOnly");
    expect(() => a.query({ from: "user/d-abc/nobody", to: "internet" })).toThrow(/source "user\/d-abc\/nobody": no Studio user profile of that name .*user\/DOMAIN\/NAME/);
    expect(() => a.query({ from: "space/nowhere", to: "internet" })).toThrow(InputError);
  });
});
