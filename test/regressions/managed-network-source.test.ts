/**
 * Regression (found while the reference learned to walk a direct-internet notebook's packet to a
 * public IP of the network back in from the SageMaker-managed network): the managed network sends
 * from a public address of SageMaker's that no snapshot records. The engine took it to be any
 * public address, S3's own ranges included, and answered `unreachable` because replies to S3
 * addresses follow the gateway-endpoint route ("does not route the replies … back through the
 * internet gateway"). SageMaker's NAT does not send from S3's addresses: from every other public
 * address the connection works, as the reference shows, so the engine must answer `reachable`.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { compare, describeComparison } from "../property/compare.js";
import { world } from "../reference/world.js";
import { sgRule } from "../generators/model-builder.js";

describe("a direct-internet notebook reaching a public IP of its own network", () => {
  it("is reachable when the owner admits every internet address, though its table routes S3 to an endpoint", () => {
    const model = world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "0.0.0.0/0", [443, 443], 1));
    });
    const analyzer = createAnalyzer(model);
    const c = compare((q) => analyzer.query(q), model, indexModel(model), { from: "nb-direct", dstIp: "54.1.1.10", protocol: "tcp", port: 443, clientPort: 40000, natPort: 40000 });
    expect(c.reference.cls).toBe("delivered");
    expect(c.engine, describeComparison(c)).toBe("reachable");
  });
});
