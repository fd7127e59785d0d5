/**
 * VPC endpoints whose far side the snapshot does not describe. A resource endpoint (VPC Lattice
 * resource configuration: its own port ranges and resource), a service-network endpoint (the
 * services of a Lattice service network, their listeners and auth policies) and a Gateway Load
 * Balancer endpoint (the appliances behind it) each hold ENIs in the customer's subnets. A packet
 * their security groups admit has reached the endpoint, not yet what it stands for: `unknown`, naming
 * the endpoint and its `VpcEndpointType`. Before, such an ENI was treated like an interface endpoint's
 * and the verdict was a confident `reachable` for any port its groups admit.
 * AWS: https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-resources.html and
 * https://docs.aws.amazon.com/vpc/latest/privatelink/access-service-networks.html
 */
import type { VpcEndpoint } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "unmodelled-endpoint-types",
  docs: {
    description: "Resource, service-network and Gateway Load Balancer endpoints: traffic their security groups admit reaches what vpcreach does not model (unknown).",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-resources.html",
  },
  codes: {
    UNSUPPORTED_COMPONENT: "{endpoint} is a {type} endpoint ({what}), which vpcreach does not model",
  },
} satisfies RuleMeta;

/** What lies behind each endpoint type the engine does not follow. */
const BEHIND: Partial<Record<VpcEndpoint["type"], string>> = {
  Resource: "a VPC Lattice resource configuration with its own port ranges",
  ServiceNetwork: "the services of a VPC Lattice service network",
  GatewayLoadBalancer: "the appliances behind a Gateway Load Balancer",
};

/**
 * The `unknown` block for traffic delivered to the ENI of an endpoint whose type the engine does not
 * follow, or undefined for interface (and gateway) endpoints.
 *
 * @param endpoint - the endpoint owning the destination ENI
 */
export function unmodelledEndpoint(endpoint: VpcEndpoint): RuleBlock | undefined {
  const what = BEHIND[endpoint.type];
  if (!what) return undefined;
  const target = endpoint.serviceName || "its target";
  return {
    code: "UNSUPPORTED_COMPONENT",
    message: fill(meta.codes.UNSUPPORTED_COMPONENT, { endpoint: endpoint.id, type: endpoint.type, what }),
    rule: { kind: "state", ref: endpoint.id, text: `${endpoint.id} VpcEndpointType ${endpoint.type}` },
    fix: `check ${target} behind ${endpoint.id} by hand (VPC Lattice or the appliance's own configuration)`,
    unknown: true,
  };
}
