/**
 * A notebook whose network interface is missing from the snapshot: its subnet and security groups
 * come from describe-notebook-instance, rules that reference its groups match its traffic, and what
 * cannot be known (its private IP) is named in the warnings; a verdict that needs the IP is unknown.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { editedFixture, recordOf, type JsonRecord } from "./helpers.js";

const NOTEBOOK = "vpc-only-notebook";
const ENDPOINT_SG = "sg-09d0611f02b1b164d";
const NOTEBOOK_SG = "sg-092bae20c5b36ed25";

/** The vpc-only-endpoints fixture without the notebook's ENI (other ENIs kept). */
function withoutNotebookEni(edits: Record<string, (json: JsonRecord) => void> = {}): string {
  return editedFixture("vpc-only-endpoints", {
    "us-east-1/describe-network-interfaces.json": (j) => {
      j.NetworkInterfaces = (j.NetworkInterfaces as JsonRecord[]).filter((eni) => !(eni.Groups as JsonRecord[]).some((g) => g.GroupId === NOTEBOOK_SG));
    },
    ...edits,
  });
}

describe("a notebook whose ENI is not in the snapshot", () => {
  it("an endpoint security group that admits the notebook's group by reference admits it (reachable)", async () => {
    const model = await loadModel(withoutNotebookEni());
    const notebook = model.notebooks.get(NOTEBOOK);
    expect(notebook?.networkInterfaceId).toBeDefined();
    expect(model.networkInterfaces.has(notebook?.networkInterfaceId as string)).toBe(false);
    const verdict = createAnalyzer(model).query({ from: NOTEBOOK, to: "sagemaker-api" });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.path.map((h) => h.component)).toContain(ENDPOINT_SG);
  });

  it("names what is unknown (its private IP) in the warnings", async () => {
    const model = await loadModel(withoutNotebookEni());
    const eni = model.notebooks.get(NOTEBOOK)?.networkInterfaceId as string;
    const verdict = createAnalyzer(model).query({ from: NOTEBOOK, to: "s3" });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.warnings).toContain(
      `${eni} (the network interface of notebook ${NOTEBOOK}) is not in the snapshot: its subnet and security groups are taken from describe-notebook-instance, its private IP is unknown (any address of subnet-0d3feba5627ffb991, 10.40.10.0/24)`,
    );
  });

  it("a rule that admits only part of its subnet makes the verdict unknown (the IP would decide)", async () => {
    const folder = withoutNotebookEni({
      "us-east-1/describe-security-groups.json": (j) => {
        const sg = recordOf(j, "SecurityGroups", "GroupId", ENDPOINT_SG);
        sg.IpPermissions = [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.40.10.0/28" }], UserIdGroupPairs: [], Ipv6Ranges: [], PrefixListIds: [] }];
      },
    });
    const verdict = createAnalyzer(await loadModel(folder)).query({ from: NOTEBOOK, to: "sagemaker-api" });
    expect(verdict.verdict).toBe("unknown");
  });
});
