/**
 * describe-egress-only-internet-gateways (`EgressOnlyInternetGateways`) → `EgressOnlyInternetGateway`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EgressOnlyInternetGateway.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import { attachedVpcIds } from "./internet-gateway.js";

/**
 * Reads one `EgressOnlyInternetGateways` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readEgressOnlyInternetGateways(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "egressOnlyInternetGateways");
  for (const item of doc.objects("EgressOnlyInternetGateways", true)) {
    const record = item.withId(item.str("EgressOnlyInternetGatewayId"));
    const common = commonFields(record, ctx, record.str("EgressOnlyInternetGatewayId"));
    ctx.builder.add("egressOnlyInternetGateways", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      attachedVpcIds: attachedVpcIds(record),
    });
  }
}
