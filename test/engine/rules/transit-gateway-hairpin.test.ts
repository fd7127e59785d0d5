/** transit-gateway-hairpin: the unknown for a request a transit gateway routed back into its own VPC. */
import { describe, expect, it } from "vitest";
import * as hairpin from "../../../src/engine/rules/transit-gateway-hairpin.js";

describe(hairpin.meta.name, () => {
  it.each([
    ["by a gateway endpoint, the clients' route table known", "vpce-1", "rtb-spoke", "route 10.0.4.10/32' traffic to vpce-1 from rtb-spoke directly, so that it does not cross tgw-1"],
    ["by a peering connection, the route table not known", "pcx-1", undefined, "route 10.0.4.10/32' traffic to pcx-1 from their subnet's route table directly"],
  ] as const)("on %s: unknown, naming the hairpin and the way back", (_n, via, sourceTableId, fix) => {
    const rb = hairpin.hairpinReplies({ tgwId: "tgw-1", attachmentId: "att-a", vpcId: "vpc-1", via, clients: "10.0.4.10/32", sourceTableId });
    expect(rb).toMatchObject({ code: "UNSUPPORTED_COMPONENT", unknown: true, rule: { ref: via } });
    expect(rb.message).toContain(`tgw-1 routes the request back into vpc-1 by att-a, the attachment it came from, and vpc-1 sends it on by ${via}`);
    expect(rb.message).toContain(`come back by ${via} and vpc-1's local route, not through tgw-1`);
    expect(rb.fix).toContain(fix);
  });
});
