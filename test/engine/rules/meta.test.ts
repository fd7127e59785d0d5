/** Every rule module declares its name, the AWS page it models and its explanation codes. */
import { describe, expect, it } from "vitest";
import * as dns from "../../../src/engine/rules/private-dns.js";
import * as nb from "../../../src/engine/rules/sagemaker-notebook.js";
import * as notebookResolver from "../../../src/engine/rules/notebook-resolver.js";
import * as workload from "../../../src/engine/rules/sagemaker-workload.js";
import * as missing from "../../../src/engine/rules/missing-data.js";
import * as routeSelection from "../../../src/engine/rules/route-selection.js";
import * as networkAcl from "../../../src/engine/rules/network-acl.js";
import * as securityGroup from "../../../src/engine/rules/security-group.js";
import * as internetGateway from "../../../src/engine/rules/internet-gateway.js";
import * as natGateway from "../../../src/engine/rules/nat-gateway.js";
import * as gatewayEndpoint from "../../../src/engine/rules/gateway-endpoint.js";
import * as interfaceEndpoint from "../../../src/engine/rules/interface-endpoint.js";
import * as vpcPeering from "../../../src/engine/rules/vpc-peering.js";
import * as unsupportedTargets from "../../../src/engine/rules/unsupported-targets.js";
import * as unmodelledEndpointTypes from "../../../src/engine/rules/unmodelled-endpoint-types.js";
import * as networkInterfaceState from "../../../src/engine/rules/network-interface-state.js";
import * as blockPublicAccess from "../../../src/engine/rules/block-public-access.js";
import * as gatewayRouteTable from "../../../src/engine/rules/gateway-route-table.js";
import * as tgwAttachment from "../../../src/engine/rules/transit-gateway-attachment.js";
import * as tgwRouteTable from "../../../src/engine/rules/transit-gateway-route-table.js";
import * as iamPolicyEvaluation from "../../../src/engine/rules/iam-policy-evaluation.js";
import * as linkLocal from "../../../src/engine/rules/link-local-services.js";
import * as tgwReferencing from "../../../src/engine/rules/transit-gateway-sg-referencing.js";
import * as tgwApplianceMode from "../../../src/engine/rules/transit-gateway-appliance-mode.js";
import * as tgwHairpin from "../../../src/engine/rules/transit-gateway-hairpin.js";
import * as peeringReferencing from "../../../src/engine/rules/peering-sg-referencing.js";
import * as studioPublicInternet from "../../../src/engine/rules/studio-public-internet.js";
import * as dhcpDnsServers from "../../../src/engine/rules/dhcp-dns-servers.js";
import * as resolverForwarding from "../../../src/engine/rules/resolver-forwarding.js";

describe("rule module metadata", () => {
  const modules = [routeSelection, networkAcl, securityGroup, internetGateway, natGateway, gatewayEndpoint, interfaceEndpoint, dns, vpcPeering, nb, notebookResolver, workload, unsupportedTargets, unmodelledEndpointTypes, networkInterfaceState, missing, blockPublicAccess, gatewayRouteTable, tgwAttachment, tgwRouteTable, iamPolicyEvaluation, linkLocal, tgwReferencing, tgwApplianceMode, tgwHairpin, peeringReferencing, studioPublicInternet, dhcpDnsServers, resolverForwarding].map((m) => [m.meta.name, m.meta] as const);
  it.each(modules)("%s declares name, AWS doc URL and codes", (name, meta) => {
    expect(name.length).toBeGreaterThan(0);
    expect(meta.docs.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(Object.keys(meta.codes).length).toBeGreaterThan(0);
  });
});
