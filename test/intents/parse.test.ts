/** The intents file: YAML and JSON, defaults, and errors that name the file, the line and the key. */
import { describe, expect, it } from "vitest";
import { parseIntents } from "../../src/intents/parse.js";
import { InputError } from "../../src/model/errors.js";

const parse = (text: string) => parseIntents(text, "vpcreach.yaml");

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("parseIntents", () => {
  it("reads YAML with defaults filled and each intent's line kept", () => {
    const file = parse(`version: 1
intents:
  - id: runtime
    from: notebooks
    to: sagemaker-runtime
    via: interface-endpoint
  - id: offline
    from: [research-*, "tag:team=ml"]
    except: sandbox
    to: internet
    expect: unreachable
`);
    expect(file.intents).toHaveLength(2);
    expect(file.intents[0]).toMatchObject({ id: "runtime", severity: "high", from: ["notebooks"], except: [], protocol: "tcp", expect: "reachable", via: ["interface-endpoint"], neverVia: [], withoutEndpointUrl: false, line: 3 });
    expect(file.intents[1]).toMatchObject({ id: "offline", from: ["research-*", "tag:team=ml"], except: ["sandbox"], expect: "unreachable", line: 7 });
    expect(file.findings).toEqual({ failOn: "none", rules: [], suppress: [], line: 1 });
  });

  it("reads the same intents from JSON", () => {
    const file = parse(JSON.stringify({ version: 1, intents: [{ id: "a", from: "notebooks", to: "s3", "never-via": "nat-gateway" }] }));
    expect(file.intents[0]).toMatchObject({ id: "a", expect: "any", neverVia: ["nat-gateway"] });
  });

  it("keeps suppressions with their lines", () => {
    const file = parse(`version: 1
findings:
  fail-on: high
  suppress:
    - rule: notebook-root-access
      resource: sandbox-*
      reason: accepted
      expires: "2027-01-31"
`);
    expect(file.findings).toMatchObject({ failOn: "high", line: 2 });
    expect(file.findings.suppress).toEqual([{ rule: "notebook-root-access", resource: "sandbox-*", reason: "accepted", expires: "2027-01-31", line: 5 }]);
  });

  it.each([
    ["an unknown key, with its line and path", "version: 1\nintents:\n  - id: a\n    from: notebooks\n    to: s3\n    expect: reachable\n    bogus: 1\n", /^vpcreach\.yaml:7: \$\.intents\[0\]\.bogus: unknown key/],
    ["a bad enum value, listing the allowed ones", "version: 1\nintents:\n  - id: a\n    from: notebooks\n    to: s3\n    expect: maybe\n", /^vpcreach\.yaml:6: \$\.intents\[0\]\.expect: must be one of "reachable", "unreachable", "any"/],
    ["a missing required key", "version: 1\nintents:\n  - id: a\n    to: s3\n    expect: reachable\n", /^vpcreach\.yaml:3: \$\.intents\[0\]: missing required key "from"/],
    ["a wrong version", "version: 2\n", /^vpcreach\.yaml:1: \$\.version: must be 1/],
    ["a suppression without expiry", "version: 1\nfindings:\n  suppress:\n    - rule: r\n      reason: x\n", /missing required key "expires"/],
    ["a port out of range", "version: 1\nintents:\n  - id: a\n    from: notebooks\n    to: s3\n    port: 0\n    expect: any\n", /^vpcreach\.yaml:6: \$\.intents\[0\]\.port: must be >= 1/],
    ["broken YAML, with its line", "version: 1\nintents:\n  - id: [a\n", /^vpcreach\.yaml:\d+: not valid YAML or JSON/],
    ["a list at the top", "- a\n", /an intents file is a mapping/],
    ["a duplicate id", "version: 1\nintents:\n  - {id: a, from: notebooks, to: s3, expect: any}\n  - {id: a, from: notebooks, to: internet, expect: any}\n", /^vpcreach\.yaml:4: \$\.intents: intent id "a" is used twice \(also on line 3\)/],
    ["no expectation at all", "version: 1\nintents:\n  - {id: a, from: notebooks, to: s3}\n", /intent "a" needs "expect"/],
    ["path conditions on an unreachable intent", "version: 1\nintents:\n  - {id: a, from: notebooks, to: s3, expect: unreachable, via: nat-gateway}\n", /cannot go with expect: unreachable/],
  ])("rejects %s", (_name, text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});
