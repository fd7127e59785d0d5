/**
 * Data not really read, and copies that disagree: a key AWS always prints that is null or absent
 * (`Routes`, NACL `Entries`, `IpPermissions`/`IpPermissionsEgress`), the same id in two files with
 * different contents, one network interface claimed by two instances. Each loads with a warning and
 * makes the verdicts that use the resource `unknown`, naming it; copies that agree or complement each
 * other merge silently.
 */
import { describe, expect, it } from "vitest";
import { loadModel, loadModels } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { editedFixture, recordOf, type JsonRecord } from "./helpers.js";

const R = "us-east-1/";
const NOTEBOOK_TABLE = "rtb-0dd50348a0fc04609";
const PUBLIC_TABLE = "rtb-084cdbba8d2f96f1c";
const ACL = "acl-04046da606429f351";
const NOTEBOOK_SG = "sg-0ed6ca5cb329d07e4";
const NOTEBOOK_ENI = "eni-09045cb44750edf48";

async function ask(folder: string | string[], to = "internet") {
  const model = Array.isArray(folder) ? await loadModels(folder) : await loadModel(folder);
  return { model, verdict: createAnalyzer(model).query({ from: "nat-notebook", to }) };
}

describe("keys AWS always prints, null or absent", () => {
  it("the fixture as is: reachable (the baseline the cases below change)", async () => {
    const { verdict, model } = await ask(editedFixture("nat-notebook"));
    expect(verdict.verdict).toBe("reachable");
    expect(model.doubts?.size).toBe(0);
  });

  const cases: [string, string, (json: JsonRecord) => void, string, string][] = [
    ["Routes absent", "describe-route-tables.json", (j) => delete recordOf(j, "RouteTables", "RouteTableId", NOTEBOOK_TABLE).Routes, NOTEBOOK_TABLE, "Routes"],
    ["Routes null", "describe-route-tables.json", (j) => (recordOf(j, "RouteTables", "RouteTableId", NOTEBOOK_TABLE).Routes = null), NOTEBOOK_TABLE, "Routes"],
    ["NACL Entries absent", "describe-network-acls.json", (j) => delete recordOf(j, "NetworkAcls", "NetworkAclId", ACL).Entries, ACL, "Entries"],
    ["NACL Entries null", "describe-network-acls.json", (j) => (recordOf(j, "NetworkAcls", "NetworkAclId", ACL).Entries = null), ACL, "Entries"],
    ["IpPermissionsEgress absent", "describe-security-groups.json", (j) => delete recordOf(j, "SecurityGroups", "GroupId", NOTEBOOK_SG).IpPermissionsEgress, NOTEBOOK_SG, "IpPermissionsEgress"],
    ["IpPermissions null", "describe-security-groups.json", (j) => (recordOf(j, "SecurityGroups", "GroupId", NOTEBOOK_SG).IpPermissions = null), NOTEBOOK_SG, "IpPermissions"],
  ];
  for (const [name, file, edit, id, key] of cases) {
    it(`${name}: a warning naming ${id} and the key, and unknown (not a definite verdict) for a path using it`, async () => {
      const { verdict, model } = await ask(editedFixture("nat-notebook", { [R + file]: edit }));
      const warning = model.warnings.find((w) => w.resourceId === id);
      expect(warning?.message).toContain(`${id} has no ${key}`);
      expect(warning?.file).toContain(file);
      expect(verdict.verdict).toBe("unknown");
      expect(verdict.blockedAt?.code).toBe("MISSING_DATA");
      expect(verdict.explanation).toContain(id);
      expect(verdict.explanation).toContain(key);
    });
  }

  it("a route table with missing Routes that no path uses leaves the verdict definite", async () => {
    const folder = editedFixture("nat-notebook", { [R + "describe-route-tables.json"]: (j) => delete recordOf(j, "RouteTables", "RouteTableId", "rtb-08a121daad8ffa03c").Routes });
    const { verdict, model } = await ask(folder);
    expect(model.doubts?.has("rtb-08a121daad8ffa03c")).toBe(true);
    expect(verdict.verdict).toBe("reachable");
  });

  it("empty lists are data (no rules), not missing data", async () => {
    const folder = editedFixture("nat-notebook", { [R + "describe-security-groups.json"]: (j) => (recordOf(j, "SecurityGroups", "GroupId", NOTEBOOK_SG).IpPermissionsEgress = []) });
    const { verdict, model } = await ask(folder);
    expect(model.doubts?.size).toBe(0);
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.code).toBe("SG_HAS_NO_RULES");
  });
});

describe("the same id in two files", () => {
  const routeTables = (json: JsonRecord) => json;

  it("identical copies merge silently", async () => {
    const base = editedFixture("nat-notebook");
    const { verdict, model } = await ask([base, base]);
    expect(model.warnings).toEqual([]);
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.warnings.join("\n")).not.toContain("disagree");
  });

  it("copies that differ on a table the path uses: a warning naming both files, unknown naming both, carried by the verdict", async () => {
    const base = editedFixture("nat-notebook");
    const other = editedFixture("nat-notebook", {
      [R + "describe-route-tables.json"]: (j) => {
        const table = recordOf(routeTables(j), "RouteTables", "RouteTableId", NOTEBOOK_TABLE);
        (table.Routes as JsonRecord[])[1] = { DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-0664f108fd91ea097", State: "active", Origin: "CreateRoute" };
      },
    });
    const { verdict, model } = await ask([base, other]);
    const warning = model.warnings.find((w) => w.resourceId === NOTEBOOK_TABLE);
    expect(warning?.message).toContain(`${base}/us-east-1/describe-route-tables.json`);
    expect(warning?.message).toContain(`${other}/us-east-1/describe-route-tables.json`);
    expect(warning?.message).toContain("in routes");
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: NOTEBOOK_TABLE, code: "CONFLICTING_DATA" });
    expect(verdict.explanation).toContain(base);
    expect(verdict.explanation).toContain(other);
    expect(verdict.warnings.some((w) => w.startsWith("the inputs disagree about 1 resource(s) (rtb-0dd50348a0fc04609)"))).toBe(true);
  });

  it("copies that differ on a table no path uses: the verdict stands, and still carries the warning", async () => {
    const other = editedFixture("nat-notebook", {
      [R + "describe-route-tables.json"]: (j) => (recordOf(j, "RouteTables", "RouteTableId", PUBLIC_TABLE).Tags = [{ Key: "Name", Value: "other-name" }]),
      [R + "describe-vpcs.json"]: (j) => ((j.Vpcs as JsonRecord[])[0]!.IsDefault = true),
    });
    const { verdict, model } = await ask([editedFixture("nat-notebook"), other]);
    expect(model.warnings.map((w) => w.resourceId)).toEqual(["vpc-06c270c388eacc748"]);
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.warnings.some((w) => w.startsWith("the inputs disagree about 1 resource(s) (vpc-06c270c388eacc748)"))).toBe(true);
  });

  it("a NACL association only one copy has puts the subnet in doubt", async () => {
    const other = editedFixture("nat-notebook", {
      [R + "describe-network-acls.json"]: (j) => {
        const acl = recordOf(j, "NetworkAcls", "NetworkAclId", ACL);
        acl.Associations = (acl.Associations as JsonRecord[]).filter((a) => a.SubnetId !== "subnet-0a93b5a7db38e063e");
      },
    });
    const { verdict, model } = await ask([editedFixture("nat-notebook"), other]);
    expect(model.doubts?.get("subnet-0a93b5a7db38e063e")?.[0]?.about).toBe(ACL);
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt?.code).toBe("CONFLICTING_DATA");
  });

  it("copies that complement each other merge, each side's fields and tags kept", async () => {
    const subnet = "subnet-0a93b5a7db38e063e";
    const owner = editedFixture("nat-notebook", {
      [R + "describe-subnets.json"]: (j) => {
        const record = recordOf(j, "Subnets", "SubnetId", subnet);
        delete record.AvailabilityZoneId;
        record.Tags = [{ Key: "team", Value: "network" }];
      },
    });
    const participant = editedFixture("nat-notebook", {
      [R + "describe-subnets.json"]: (j) => (recordOf(j, "Subnets", "SubnetId", subnet).Tags = [{ Key: "project", Value: "ml" }]),
    });
    const model = await loadModels([owner, participant]);
    expect(model.warnings).toEqual([]);
    const merged = model.subnets.get(subnet);
    expect(merged?.availabilityZoneId).toBeDefined();
    expect(merged?.tags).toMatchObject({ team: "network", project: "ml" });
  });
});

describe("one network interface claimed by two instances", () => {
  const instance = (id: string) => ({
    InstanceId: id,
    State: { Name: "running" },
    SubnetId: "subnet-0ee1d98a11cbde345",
    VpcId: "vpc-06c270c388eacc748",
    PrivateIpAddress: "10.30.0.50",
    NetworkInterfaces: [{ NetworkInterfaceId: "eni-0aaa", SubnetId: "subnet-0ee1d98a11cbde345", VpcId: "vpc-06c270c388eacc748", PrivateIpAddress: "10.30.0.50", Groups: [{ GroupId: "sg-082994ad615d9b41d" }] }],
    SecurityGroups: [{ GroupId: "sg-082994ad615d9b41d" }],
  });

  it("warns naming both instances and files, and answers unknown from either", async () => {
    const folder = editedFixture("nat-notebook", {}, {
      "us-east-1/a/instances.json": { Reservations: [{ OwnerId: "111122223333", Instances: [instance("i-0001")] }] },
      "us-east-1/b/instances.json": { Reservations: [{ OwnerId: "111122223333", Instances: [instance("i-0002")] }] },
    });
    const model = await loadModel(folder);
    const warning = model.warnings.find((w) => w.resourceId === "eni-0aaa");
    expect(warning?.message).toMatch(/^eni-0aaa is claimed by two instances, i-0001 \(.*a\/instances\.json: .*\) and i-0002 \(.*b\/instances\.json: .*\)/);
    for (const from of ["i-0001", "i-0002", "eni-0aaa"]) {
      const verdict = createAnalyzer(model).query({ from, to: "10.30.10.30:443" });
      expect(verdict.verdict, from).toBe("unknown");
      expect(verdict.blockedAt?.code, from).toBe("CONFLICTING_DATA");
    }
  });
});

describe("the notebook's own ENI", () => {
  it("an ENI id from the fixture is what the notebook uses (guards the constants above)", async () => {
    const model = await loadModel(editedFixture("nat-notebook"));
    expect(model.notebooks.get("nat-notebook")?.networkInterfaceId).toBe(NOTEBOOK_ENI);
  });
});
