/** unsupported-targets: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as unsupported from "../../../src/engine/rules/unsupported-targets.js";



describe(unsupported.meta.name, () => {
  it.each([
    [{ kind: "vpn-gateway", id: "vgw-1" }, "virtual private gateway"],
    [{ kind: "gwlb-endpoint", id: "vpce-1" }, "Gateway Load Balancer"],
    [{ kind: "network-interface", id: "eni-1" }, "network interface"],
    [{ kind: "instance", id: "i-1" }, "instance"],
    [{ kind: "egress-only-igw", id: "eigw-1" }, "egress-only"],
  ] as const)("%j is unknown naming it", (target, words) => {
    const b = unsupported.unsupportedTarget(target, "rtb-1");
    expect(b?.unknown).toBe(true);
    expect(b?.message).toContain(words);
  });
  it("modelled targets are not", () => {
    expect(unsupported.unsupportedTarget({ kind: "nat", id: "nat-1" }, "rtb-1")).toBeUndefined();
    expect(unsupported.unsupportedTarget({ kind: "local" }, "rtb-1")).toBeUndefined();
    expect(unsupported.unsupportedTarget({ kind: "transit-gateway", id: "tgw-1" }, "rtb-1")).toBeUndefined();
  });
});
