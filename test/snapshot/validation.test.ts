/** Each kind of bad input gives one InputError with the exact file, JSON path and resource id. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { InputError } from "../../src/model/errors.js";
import { makeFolder, vpcFiles } from "./helpers.js";

async function errorOf(files: Record<string, unknown>): Promise<{ message: string; root: string }> {
  const root = makeFolder(files);
  try {
    await loadModel(root);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return { message: (error as Error).message.replace(root + "/", ""), root };
  }
  throw new Error("expected loadModel to fail");
}

const subnet = (fields: Record<string, unknown>) => ({
  "us-east-1/Subnets.json": {
    Subnets: [
      { SubnetId: "subnet-ok", VpcId: "vpc-1", CidrBlock: "10.0.0.0/24", AvailabilityZone: "us-east-1a" },
      { SubnetId: "subnet-0abc", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a", ...fields },
    ],
  },
});

describe("malformed input", () => {
  it("malformed JSON names file, line and column", async () => {
    const { message } = await errorOf({ ...vpcFiles(), "us-east-1/RouteTables.json": '{"RouteTables": [\n  {"RouteTableId": "rtb-1",,}\n]}' });
    expect(message).toBe('us-east-1/RouteTables.json: line 2, column 28: invalid JSON: expected a property name in double quotes, found ","');
  });

  it("an invalid CIDR names the JSON path and the subnet", async () => {
    const { message } = await errorOf(subnet({ CidrBlock: "10.0.0.0/33" }));
    expect(message).toBe('us-east-1/Subnets.json: $.Subnets[1].CidrBlock (subnet-0abc): expected an IPv4 CIDR, got "10.0.0.0/33"');
  });

  it("a missing required field", async () => {
    const { message } = await errorOf(subnet({ VpcId: undefined }));
    expect(message).toBe("us-east-1/Subnets.json: $.Subnets[1].VpcId (subnet-0abc): missing required field");
  });

  it("a missing id names the record by path only", async () => {
    const { message } = await errorOf(subnet({ SubnetId: undefined }));
    expect(message).toBe("us-east-1/Subnets.json: $.Subnets[1].SubnetId: missing required field");
  });

  it("a wrong type (number for a string)", async () => {
    const { message } = await errorOf(subnet({ VpcId: 42 }));
    expect(message).toBe("us-east-1/Subnets.json: $.Subnets[1].VpcId (subnet-0abc): expected a string, got 42");
  });

  it("a wrong type (string for a boolean)", async () => {
    const { message } = await errorOf(subnet({ MapPublicIpOnLaunch: "yes" }));
    expect(message).toBe('us-east-1/Subnets.json: $.Subnets[1].MapPublicIpOnLaunch (subnet-0abc): expected true or false, got "yes"');
  });

  it("a list key holding an object", async () => {
    const { message } = await errorOf({ "us-east-1/Vpcs.json": { Vpcs: { VpcId: "vpc-1" } } });
    expect(message).toBe("us-east-1/Vpcs.json: $.Vpcs: expected an array, got an object");
  });

  it("a document that is not an object", async () => {
    const { message } = await errorOf({ "us-east-1/Vpcs.json": [1, 2] });
    expect(message).toBe("us-east-1/Vpcs.json: $: expected an object, got an array");
  });

  it("a value outside its allowed set (NACL RuleAction)", async () => {
    const { message } = await errorOf({
      ...vpcFiles(),
      "us-east-1/NetworkAcls.json": {
        NetworkAcls: [
          {
            NetworkAclId: "acl-1",
            VpcId: "vpc-1",
            IsDefault: true,
            Entries: [{ RuleNumber: 100, Egress: false, Protocol: "-1", RuleAction: "permit", CidrBlock: "0.0.0.0/0" }],
          },
        ],
      },
    });
    expect(message).toBe(
      'us-east-1/NetworkAcls.json: $.NetworkAcls[0].Entries[0].RuleAction (acl-1): expected one of "allow", "deny", got "permit"',
    );
  });

  it("a bad protocol in a security group rule", async () => {
    const { message } = await errorOf({
      ...vpcFiles(),
      "us-east-1/SecurityGroups.json": {
        SecurityGroups: [{ GroupId: "sg-1", GroupName: "g", VpcId: "vpc-1", IpPermissions: [{ IpProtocol: "tpc", IpRanges: [] }] }],
      },
    });
    expect(message).toBe(
      'us-east-1/SecurityGroups.json: $.SecurityGroups[0].IpPermissions[0].IpProtocol (sg-1): expected an IP protocol (tcp, udp, icmp, -1 or a number 0-255), got "tpc"',
    );
  });

  it("a route with no destination", async () => {
    const { message } = await errorOf({
      ...vpcFiles(),
      "us-east-1/RouteTables.json": { RouteTables: [{ RouteTableId: "rtb-1", VpcId: "vpc-1", Routes: [{ GatewayId: "local" }] }] },
    });
    expect(message).toBe(
      "us-east-1/RouteTables.json: $.RouteTables[0].Routes[0].DestinationCidrBlock (rtb-1): missing required field (a route needs DestinationCidrBlock, DestinationPrefixListId or DestinationIpv6CidrBlock)",
    );
  });

  it("a notebook with direct internet access disabled and no subnet", async () => {
    const { message } = await errorOf({
      "us-east-1/notebook-a.json": { NotebookInstanceName: "a", DirectInternetAccess: "Disabled" },
    });
    expect(message).toBe(
      "us-east-1/notebook-a.json: $.SubnetId (a): missing required field (DirectInternetAccess is Disabled, so the notebook must have a subnet)",
    );
  });

  it("a notebook DirectInternetAccess value that is not Enabled/Disabled", async () => {
    const { message } = await errorOf({
      "us-east-1/notebook-a.json": { NotebookInstanceName: "a", DirectInternetAccess: "Yes" },
    });
    expect(message).toBe('us-east-1/notebook-a.json: $.DirectInternetAccess (a): expected one of "Enabled", "Disabled", got "Yes"');
  });

  it("prefix-list entries that do not say which list they belong to", async () => {
    const { message } = await errorOf({ "us-east-1/entries.json": { Entries: [{ Cidr: "10.0.0.0/8" }] } });
    expect(message).toBe(
      'us-east-1/entries.json: $.PrefixListId: cannot tell which prefix list these Entries belong to: add a "PrefixListId" field beside "Entries" or name the file after the list (e.g. pl-0abc123.json)',
    );
  });

  it("a missing path", async () => {
    await expect(loadModel(join(makeFolder({}), "nope"))).rejects.toThrow(/nope: no such file or folder$/);
  });

  it("a folder with no JSON", async () => {
    const root = makeFolder({ "README.md": "hi" });
    await expect(loadModel(root)).rejects.toThrow(`${root}: no *.json files found (expected AWS describe-* outputs or a snapshot file)`);
  });

  it("a file whose Region cannot be told", async () => {
    const { message } = await errorOf({ "data/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] } });
    expect(message).toBe(
      "data/Vpcs.json: cannot tell which AWS Region this file describes: neither its folder nor the Availability Zones of its resources name one; put the files in a folder named after their Region (e.g. us-east-1/)",
    );
  });
});

describe("hostile input", () => {
  it("treats Object.prototype names as unknown keys and protocols", async () => {
    const root = makeFolder({ ...vpcFiles(), "us-east-1/x.json": { constructor: [], toString: 1 } });
    const model = await loadModel(root);
    expect(model.warnings.map((w) => w.message)).toEqual(['unknown top-level key "constructor" ignored', 'unknown top-level key "toString" ignored']);
    const { message } = await errorOf({
      ...vpcFiles(),
      "us-east-1/SecurityGroups.json": { SecurityGroups: [{ GroupId: "sg-1", GroupName: "g", IpPermissions: [{ IpProtocol: "constructor" }] }] },
    });
    expect(message).toMatch(/IpProtocol \(sg-1\): expected an IP protocol .* got "constructor"$/);
  });

  it("keeps a tag named __proto__ as data", async () => {
    const model = await loadModel(
      makeFolder({ "us-east-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", Tags: [{ Key: "__proto__", Value: "x" }, { Key: "Name", Value: "n" }] }] } }),
    );
    const vpc = model.vpcs.get("vpc-1");
    expect(Object.keys(vpc?.tags ?? {})).toEqual(["__proto__", "Name"]);
    expect(vpc?.name).toBe("n");
  });

  it("loads deeply nested unknown content without overflowing", async () => {
    const deep = `{"Gizmo": ${"[".repeat(5000)}"us-east-1a"${"]".repeat(5000)}}`;
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/deep.json": deep }));
    expect(model.warnings).toHaveLength(1);
  });
});
