/**
 * The malformed-input corpus, run through the built CLI: each case is an input a hostile or careless
 * environment produces, with the exit status and the message the user must get. Never a definite
 * verdict on data that was not really read, never exit 70 ("internal error") for bad input.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { editedFixture, makeFolder, recordOf, vpcFiles } from "../snapshot/helpers.js";
import { vpcreach } from "./cli.js";

const R = "us-east-1/";
const NOTEBOOK_TABLE = "rtb-0dd50348a0fc04609";
const ACL = "acl-04046da606429f351";
const NOTEBOOK_SG = "sg-0ed6ca5cb329d07e4";

const query = (snapshot: string, ...rest: string[]) => vpcreach("query", "--snapshot", snapshot, "--from", "nat-notebook", "--to", "internet", ...rest);

describe("keys AWS always prints, null or absent: unknown naming the resource and key (exit 3)", () => {
  const cases: [string, string, string, (json: Record<string, unknown>) => void][] = [
    [`${NOTEBOOK_TABLE} has no Routes`, "describe-route-tables.json", NOTEBOOK_TABLE, (j) => delete recordOf(j, "RouteTables", "RouteTableId", NOTEBOOK_TABLE).Routes],
    [`${ACL} has no Entries`, "describe-network-acls.json", ACL, (j) => (recordOf(j, "NetworkAcls", "NetworkAclId", ACL).Entries = null)],
    [`${NOTEBOOK_SG} has no IpPermissionsEgress`, "describe-security-groups.json", NOTEBOOK_SG, (j) => delete recordOf(j, "SecurityGroups", "GroupId", NOTEBOOK_SG).IpPermissionsEgress],
  ];
  for (const [message, file, id, edit] of cases) {
    it(message, () => {
      const { status, stdout, stderr } = query(editedFixture("nat-notebook", { [R + file]: edit }), "--json");
      expect(stderr).toBe("");
      expect(status).toBe(3);
      const verdict = JSON.parse(stdout) as { verdict: string; blockedAt: { component: string; code: string }; explanation: string };
      expect(verdict.verdict).toBe("unknown");
      expect(verdict.blockedAt).toMatchObject({ component: id, code: "MISSING_DATA" });
      expect(verdict.explanation).toContain(message);
    });
  }
});

describe("snapshot files", () => {
  it("a snapshot file without formatVersion is refused, exit 2, one line", () => {
    const file = join(makeFolder({ "s.json": { tool: { name: "vpcreach" }, regions: ["us-east-1"], sources: [], errors: [] } }), "s.json");
    const { status, stdout, stderr } = vpcreach("inspect", "--snapshot", file);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`vpcreach: ${file}: $.formatVersion: missing required field: a snapshot file must say its format version (this vpcreach reads version 1)\n`);
  });
});

describe("a lone file that is no API output", () => {
  it.each([
    ["an array", [1, 2], "$: expected an object, got an array"],
    ["a string", "\"text\"", '$: expected an object, got "text"'],
    ["a list key of the wrong type", { Vpcs: 5 }, "$.Vpcs: expected an array, got 5"],
  ])("%s: the error says what is wrong with it, not that its Region is unknown (exit 2)", (_, content, problem) => {
    const file = join(makeFolder({ "x.json": content }), "x.json");
    const { status, stdout, stderr } = vpcreach("inspect", "--snapshot", file);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`vpcreach: ${file}: ${problem}\n`);
  });

  it("a well-formed file whose Region cannot be told still says so", () => {
    const file = join(makeFolder({ "x.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] } }), "x.json");
    const { status, stderr } = vpcreach("inspect", "--snapshot", file);
    expect(status).toBe(2);
    expect(stderr).toContain(`vpcreach: ${file}: cannot tell which AWS Region this file describes`);
  });
});

describe("bytes that are not UTF-8", () => {
  it("load with a warning naming the file; the answer is still given", () => {
    const root = editedFixture("nat-notebook");
    const file = join(root, R, "describe-vpcs.json");
    const text = readFileSync(file);
    // Inside the Name tag's value, so the JSON stays valid.
    const at = text.indexOf('"', text.indexOf('"Value"') + '"Value"'.length) + 1;
    writeFileSync(file, Buffer.concat([text.subarray(0, at), Buffer.from([0xff, 0xfe]), text.subarray(at)]));
    const inspect = vpcreach("inspect", "--snapshot", root);
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toContain(`${file}: the file is not valid UTF-8: its invalid bytes were replaced with U+FFFD`);
    expect(query(root).status).toBe(0);
  });
});

describe("symbolic links inside a snapshot folder", () => {
  it("a linked file is read: a NACL deny kept outside the folder still blocks (exit 1, not unknown)", () => {
    const root = editedFixture("nat-notebook", {
      [R + "describe-network-acls.json"]: (j) => {
        const acl = recordOf(j, "NetworkAcls", "NetworkAclId", ACL);
        acl.Entries = [{ RuleNumber: 100, Protocol: "-1", RuleAction: "deny", Egress: true, CidrBlock: "0.0.0.0/0" }, { RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: false, CidrBlock: "0.0.0.0/0" }];
      },
    });
    const outside = makeFolder({});
    renameSync(join(root, R, "describe-network-acls.json"), join(outside, "acls.json"));
    symlinkSync(join(outside, "acls.json"), join(root, R, "describe-network-acls.json"));
    const { status, stdout } = query(root, "--json");
    expect(status).toBe(1);
    expect(JSON.parse(stdout).blockedAt.component).toBe(ACL);
  });

  it("a linked folder is read", () => {
    const real = editedFixture("nat-notebook");
    const root = makeFolder({});
    symlinkSync(join(real, "us-east-1"), join(root, "us-east-1"));
    expect(query(root).status).toBe(0);
  });

  it("a link back up the tree is not followed twice (no loop), and loads", () => {
    const root = editedFixture("nat-notebook");
    symlinkSync(join(root), join(root, R, "loop"));
    const { status, stderr } = query(root);
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });

  it("a broken link is an input error naming it (exit 2)", () => {
    const root = editedFixture("nat-notebook");
    symlinkSync(join(root, "gone.json"), join(root, R, "broken.json"));
    const { status, stderr } = query(root);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`^vpcreach: ${join(root, R, "broken.json")}: cannot read: ENOENT`));
    expect(stderr.split("\n")).toHaveLength(2);
  });
});

// As root every folder is readable, so the case cannot be built there.
describe.skipIf(process.getuid?.() === 0)("unreadable folders", () => {
  it("an unreadable subfolder is an input error (exit 2), not an internal error (70)", () => {
    const root = makeFolder({ ...vpcFiles(), "us-east-1/locked/x.json": { Vpcs: [] } });
    chmodSync(join(root, R, "locked"), 0o000);
    try {
      const { status, stderr } = vpcreach("inspect", "--snapshot", root);
      expect(status).toBe(2);
      expect(stderr).toMatch(/locked: cannot read the folder: EACCES/);
    } finally {
      chmodSync(join(root, R, "locked"), 0o755);
    }
  });
});

describe("the same id in two inputs with different contents", () => {
  const twoCopies = () => {
    const base = editedFixture("nat-notebook");
    const other = editedFixture("nat-notebook", {
      [R + "describe-route-tables.json"]: (j) => {
        const routes = recordOf(j, "RouteTables", "RouteTableId", NOTEBOOK_TABLE).Routes as Record<string, unknown>[];
        routes[1] = { DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-0664f108fd91ea097", State: "active" };
      },
    });
    return [base, other] as const;
  };

  it("query: unknown naming both files (exit 3)", () => {
    const [base, other] = twoCopies();
    const { status, stdout } = query(base, "--snapshot", other, "--json");
    expect(status).toBe(3);
    const verdict = JSON.parse(stdout) as { blockedAt: { code: string }; explanation: string; warnings: string[] };
    expect(verdict.blockedAt.code).toBe("CONFLICTING_DATA");
    expect(verdict.explanation).toContain(join(base, R, "describe-route-tables.json"));
    expect(verdict.explanation).toContain(join(other, R, "describe-route-tables.json"));
  });

  it("audit: the warning heads the text, and every JSON cell carries it", () => {
    const [base, other] = twoCopies();
    const text = vpcreach("audit", "--snapshot", base, "--snapshot", other);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`Warning: the inputs disagree about 1 resource(s) (${NOTEBOOK_TABLE})`);
    const json = vpcreach("audit", "--snapshot", base, "--snapshot", other, "--json");
    const rows = (JSON.parse(json.stdout) as { rows: { cells: Record<string, { verdict: string; warnings: string[] }> }[] }).rows;
    for (const cell of Object.values(rows[0]?.cells ?? {})) expect(cell.warnings.join("\n")).toContain("the inputs disagree");
    expect(rows[0]?.cells.internet?.verdict).toBe("unknown");
  });

  it("cost and diagram carry the warning too (diagram on stderr, beside the Mermaid source)", () => {
    const [base, other] = twoCopies();
    const cost = vpcreach("cost", "--snapshot", base, "--snapshot", other);
    expect(cost.status).toBe(0);
    expect(cost.stdout).toContain(`the inputs disagree about 1 resource(s) (${NOTEBOOK_TABLE})`);
    const diagram = vpcreach("diagram", "--snapshot", base, "--snapshot", other);
    expect(diagram.status).toBe(0);
    expect(diagram.stderr).toBe(`warning: the inputs disagree about 1 resource(s) (${NOTEBOOK_TABLE}); answers that use them are unknown (vpcreach inspect lists them)\n`);
    expect(diagram.stdout).not.toContain("disagree");
  });

  it("inspect: the warning names both files", () => {
    const [base, other] = twoCopies();
    const { stdout } = vpcreach("inspect", "--snapshot", base, "--snapshot", other);
    expect(stdout).toContain(`${NOTEBOOK_TABLE} differs between ${join(base, R, "describe-route-tables.json")}`);
  });
});

describe("several --snapshot options", () => {
  it("every command accepts --snapshot more than once", () => {
    const a = editedFixture("nat-notebook");
    for (const command of ["inspect", "audit", "cost"]) {
      const { status, stderr } = vpcreach(command, "--snapshot", a, "--snapshot", a);
      expect(stderr, command).toBe("");
      expect(status, command).toBe(0);
    }
    expect(vpcreach("diagram", "--snapshot", a, "--snapshot", a).status).toBe(0);
  });

  it("a missing --snapshot is still a usage error (exit 2)", () => {
    const { status, stderr } = vpcreach("query", "--from", "x", "--to", "internet");
    expect(status).toBe(2);
    expect(stderr).toContain("--snapshot");
  });
});

describe("folders with nothing to read", () => {
  it("an empty folder is exit 2", () => {
    const root = makeFolder({});
    mkdirSync(join(root, "empty"));
    const { status, stderr } = vpcreach("inspect", "--snapshot", join(root, "empty"));
    expect(status).toBe(2);
    expect(stderr).toContain("no *.json files found");
  });
});

describe("one notebook name in two accounts", () => {
  const twoAccounts = () => {
    const fixture = editedFixture("nat-notebook");
    const described = JSON.parse(readFileSync(join(fixture, R, "sagemaker/nat-notebook.json"), "utf8")) as Record<string, unknown>;
    const other = makeFolder({ "444455556666/us-east-1/nb.json": { ...described, NotebookInstanceArn: "arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/nat-notebook" } });
    return [fixture, other] as const;
  };

  it("query --from NAME: exit 2 listing the choices; the long form answers", () => {
    const [a, b] = twoAccounts();
    const ambiguous = query(a, "--snapshot", b);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toBe(
      'vpcreach: nat-notebook: notebook name "nat-notebook" is ambiguous: it is used in 2 accounts or Regions; give one of notebook/111122223333/us-east-1/nat-notebook, notebook/444455556666/us-east-1/nat-notebook\n',
    );
    const long = vpcreach("query", "--snapshot", a, "--snapshot", b, "--from", "notebook/444455556666/us-east-1/nat-notebook", "--to", "internet");
    expect(long.status).toBe(0);
  });

  it("audit: a row for each", () => {
    const [a, b] = twoAccounts();
    const { stdout, status } = vpcreach("audit", "--snapshot", a, "--snapshot", b, "--json");
    expect(status).toBe(0);
    const rows = (JSON.parse(stdout) as { rows: { source: { id: string } }[] }).rows;
    expect(rows.map((r) => r.source.id)).toEqual(["111122223333/us-east-1/nat-notebook", "444455556666/us-east-1/nat-notebook"]);
  });
});

describe("one training job name in two accounts", () => {
  const twoAccounts = () => {
    const fixture = editedFixture("sagemaker-workloads");
    const other = makeFolder({
      "444455556666/us-east-1/job.json": { TrainingJobName: "churn-training", TrainingJobArn: "arn:aws:sagemaker:us-east-1:444455556666:training-job/churn-training", TrainingJobStatus: "InProgress" },
    });
    return [fixture, other] as const;
  };

  it("query --from job/NAME: exit 2 saying it is ambiguous and listing the scoped names; job/ACCOUNT/REGION/NAME answers", () => {
    const [a, b] = twoAccounts();
    const ambiguous = vpcreach("query", "--snapshot", a, "--snapshot", b, "--from", "job/churn-training", "--to", "internet");
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toBe(
      'vpcreach: job/churn-training: source "job/churn-training" is ambiguous: it names 2 jobs, training-job/111122223333/us-east-1/churn-training, training-job/444455556666/us-east-1/churn-training; give one\n',
    );
    const long = vpcreach("query", "--snapshot", a, "--snapshot", b, "--from", "job/444455556666/us-east-1/churn-training", "--to", "internet", "--json");
    expect(long.status).toBe(0);
    expect(JSON.parse(long.stdout)).toMatchObject({ verdict: "reachable", source: { id: "training-job/444455556666/us-east-1/churn-training" } });
  });
});
