/**
 * `vpcreach cost --jobs` (built CLI): a number of threads that is not a whole number of 1 or more is a
 * usage error (exit 2, a message naming the option, no stack trace); any valid number prints the
 * same estimate.
 */
import { describe, expect, it } from "vitest";
import { vpcreach } from "../robustness/cli.js";

describe("vpcreach cost --jobs", () => {
  it.each(["0", "-1", "abc", "1.5", ""])("refuses --jobs %j with exit 2 and a clear message", (jobs) => {
    const run = vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--jobs", jobs);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--jobs ${jobs}: give a whole number of threads, 1 or more`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("prints the same estimate with 1 and 3 jobs", () => {
    const one = vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--snapshot", "fixtures/hub-and-spoke", "--json", "--jobs", "1");
    const three = vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--snapshot", "fixtures/hub-and-spoke", "--json", "--jobs", "3");
    expect(one.status).toBe(0);
    expect(three.stdout).toBe(one.stdout);
  });
});
