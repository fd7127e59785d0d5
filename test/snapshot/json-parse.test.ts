import { describe, expect, it } from "vitest";
import { parseJsonFile, lineAndColumn } from "../../src/snapshot/json-parse.js";
import { InputError } from "../../src/model/errors.js";

function messageOf(text: string): string {
  try {
    parseJsonFile(text, "x/Vpcs.json");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected a failure");
}

describe("parseJsonFile", () => {
  it("parses valid JSON and ignores a byte-order mark", () => {
    expect(parseJsonFile('\ufeff{"Vpcs": []}', "f.json")).toEqual({ Vpcs: [] });
  });

  it("names file, line and column of a missing value", () => {
    expect(messageOf('{\n "Vpcs": [\n  {"VpcId": }\n ]\n}')).toBe(
      'x/Vpcs.json: line 3, column 13: invalid JSON: expected a JSON value, found "}"',
    );
  });

  it("names a trailing comma", () => {
    expect(messageOf('{"Vpcs": [1, 2,]}')).toBe('x/Vpcs.json: line 1, column 16: invalid JSON: expected a JSON value, found "]"');
  });

  it("names a missing comma between properties", () => {
    expect(messageOf('{"a": 1\n "b": 2}')).toBe(
      'x/Vpcs.json: line 2, column 2: invalid JSON: expected "," or "}" after a property value, found "\\""',
    );
  });

  it("names an unterminated file", () => {
    expect(messageOf('{"Vpcs": [')).toBe("x/Vpcs.json: line 1, column 11: invalid JSON: expected a JSON value, found end of file");
  });

  it("names an empty file", () => {
    expect(messageOf("  \n")).toBe("x/Vpcs.json: invalid JSON: the file is empty");
  });

  it("names text after the value", () => {
    expect(messageOf("{} {}")).toBe('x/Vpcs.json: line 1, column 4: invalid JSON: unexpected "{" after the JSON value');
  });

  it("counts lines and columns from 1", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
