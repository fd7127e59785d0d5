import { describe, expect, it } from "vitest";
import { InputError } from "../../src/model/errors.js";

describe("InputError", () => {
  it.each([
    [{ file: "a/Subnets.json", jsonPath: "$.Subnets[3].CidrBlock", resourceId: "subnet-0abc" }, "a/Subnets.json: $.Subnets[3].CidrBlock (subnet-0abc): bad"],
    [{ file: "a/Subnets.json", jsonPath: "$.Subnets[3]" }, "a/Subnets.json: $.Subnets[3]: bad"],
    [{ file: "a/Subnets.json" }, "a/Subnets.json: bad"],
    [{ resourceId: "nobody" }, "nobody: bad"],
    [{}, "bad"],
  ])("names the location %j", (location, message) => {
    const error = new InputError("bad", location);
    expect(error.message).toBe(message);
    expect(error.location).toEqual(location);
  });
});
