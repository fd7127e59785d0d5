/**
 * The shape of the engine's answers, as `vpcreach query --json` prints them and as the diagrams, the
 * cost alternatives and the reports read them. It follows AWS Reachability Analyzer's output: a path
 * of components, each with the rule that admitted it and the packet header in and out, and, when
 * blocked, the component, the rule and an explanation code.
 */

/** Reachability Analyzer explanation codes we emit (see shared/research), plus our own for SageMaker/DNS. */
export type ExplanationCode =
  | "BAD_STATE"
  | "BAD_STATE_ATTACHMENT"
  | "BAD_STATE_ROUTE"
  | "CANNOT_ROUTE"
  | "ENI_SG_RULES_MISMATCH"
  | "SG_HAS_NO_RULES"
  | "SG_REFERENCES_NOT_PRESERVED"
  | "SUBNET_ACL_RESTRICTION"
  | "HIGHER_PRIORITY_ROUTE"
  | "MORE_SPECIFIC_ROUTE"
  | "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
  | "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS"
  | "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"
  | "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"
  | "NGW_REQUIRES_SOURCE_IN_VPC"
  | "NO_POSSIBLE_DESTINATION"
  | "NO_ROUTE_TO_DESTINATION"
  | "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
  | "PROTOCOL_RESTRICTION"
  | "REGIONAL_NGW_ROUTE_AZ_RESTRICTION"
  | "UNKNOWN_DESTINATION"
  | "UNKNOWN_RESOURCE"
  | "UNSUPPORTED_COMPONENT"
  | "VPC_LOCAL_ROUTE_CIDR_RESTRICTION"
  | "VPCE_GATEWAY_PROTOCOL_RESTRICTION"
  | "VPCE_SERVICE_NOT_INSTALLED_IN_AZ"
  | "VPC_BLOCK_PUBLIC_ACCESS_ENABLED"
  | "GATEWAY_REJECTS_SPOOFED_TRAFFIC"
  | "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"
  | "TGW_ROUTE_AZ_RESTRICTION"
  | "TGW_RTB_BAD_STATE_ROUTE"
  | "TGW_RTB_CANNOT_ROUTE"
  | "TGW_RTB_ROUTES_ARE_UNKNOWN"
  | "DISCONNECTED_VPCS"
  | "NO_PATH"
  | "NO_SOURCE_OR_DESTINATION"
  | "UNASSOCIATED_COMPONENT"
  /** vpcreach: the interface endpoint's private DNS is off, so the service's default name does not reach it. */
  | "VPCE_PRIVATE_DNS_DISABLED"
  /** vpcreach: the endpoint policy denies (or the engine cannot read it). */
  | "VPCE_POLICY_RESTRICTION"
  /** vpcreach: a notebook without a VPC subnet cannot reach addresses inside a customer VPC. */
  | "SAGEMAKER_NO_VPC"
  /** vpcreach: the VPC's `enableDnsSupport` is off, so the Amazon DNS server does not answer. */
  | "DNS_SUPPORT_DISABLED"
  /** vpcreach: the instance's metadata service is turned off (`MetadataOptions.HttpEndpoint: disabled`). */
  | "METADATA_ENDPOINT_DISABLED"
  /** vpcreach: a SageMaker job or model with EnableNetworkIsolation makes no network calls at all. */
  | "SAGEMAKER_NETWORK_ISOLATION"
  /** vpcreach: data needed for the answer is missing from the snapshot (a failed API call, a file not given). */
  | "MISSING_DATA"
  /** vpcreach: an IAM, endpoint, bucket or organization policy denies the request the path carries. */
  | "IAM_POLICY_RESTRICTION"
  /** vpcreach: two inputs hold different copies of a resource the answer uses (or two instances claim one ENI). */
  | "CONFLICTING_DATA";

/** The kinds of component a hop or a block can name. */
export type ComponentType =
  | "notebook"
  /** A SageMaker Studio domain as a source (its apps' ENIs sit in the domain's subnets). */
  | "studio-domain"
  /** A Studio user profile or space as a source (the domain's subnets, its own groups). */
  | "studio-user-profile"
  | "studio-space"
  /** SageMaker jobs, models and endpoints as sources (their VpcConfig subnets, or the managed network). */
  | "training-job"
  | "processing-job"
  | "tuning-job"
  | "sagemaker-model"
  | "sagemaker-endpoint"
  | "instance"
  | "network-interface"
  | "security-group"
  | "subnet"
  | "network-acl"
  | "route-table"
  | "vpc"
  | "internet-gateway"
  | "egress-only-internet-gateway"
  | "nat-gateway"
  | "gateway-endpoint"
  | "interface-endpoint"
  | "vpc-peering-connection"
  | "transit-gateway"
  | "transit-gateway-attachment"
  | "transit-gateway-route-table"
  | "hosted-zone"
  /** A Route 53 Resolver rule associated with the source's VPC (a FORWARD rule sends a name to other DNS servers). */
  | "resolver-rule"
  | "sagemaker-managed-network"
  | "internet"
  | "aws-service"
  | "address"
  /** An IAM role, VPC endpoint, bucket or organization policy that decides the request on a proven path. */
  | "iam-policy";

/**
 * The component types through which traffic leaves a subnet's reach: gateways, endpoints and
 * connections. The first of them on a path names the way out (`via nat-0abc`); intents name them in
 * `via` and `never-via`.
 */
export const CROSSING_TYPES = [
  "interface-endpoint",
  "gateway-endpoint",
  "nat-gateway",
  "internet-gateway",
  "egress-only-internet-gateway",
  "sagemaker-managed-network",
  "transit-gateway",
  "vpc-peering-connection",
] as const satisfies readonly ComponentType[];

/** The route, rule or entry that admitted (or blocked) traffic at a component. */
export interface Evidence {
  /** What kind of rule it is. */
  kind:
    | "route"
    | "nacl-entry"
    | "sg-rule"
    | "association"
    | "attribute"
    | "state"
    | "translation"
    | "dns"
    | "policy"
    | "implicit";
  /** Where the rule lives, e.g. `rtb-0abc`, `acl-0abc#100/egress`, `sg-0abc ingress[1]`. */
  ref: string;
  /** One human-readable line, e.g. `0.0.0.0/0 → nat-0abc (active)` or `rule 100 allow tcp 443 from 0.0.0.0/0`. */
  text: string;
}

/** A set of packets, as Reachability Analyzer prints headers: CIDRs and port ranges. */
export interface PacketHeader {
  protocol: string;
  sourceAddresses: string[];
  destinationAddresses: string[];
  sourcePorts: string[];
  destinationPorts: string[];
}

export interface Hop {
  /** 1-based position in the path. */
  sequence: number;
  /** The component id (`subnet-…`, `nat-…`, `internet`, `service:s3`, a notebook name, …). */
  component: string;
  type: ComponentType;
  /** Name tag or notebook name, for humans. */
  name?: string;
  /** What admitted the traffic at this hop (a hop without evidence is a bug). */
  evidence: Evidence[];
  inbound?: PacketHeader;
  outbound?: PacketHeader;
  /** Informational notes, e.g. `AVAILABILITY_ZONE_CROSSED`, `REMAP_EPHEMERAL_PORT`. */
  details?: string[];
}

export interface BlockedAt {
  component: string;
  type: ComponentType;
  code: ExplanationCode;
  direction: "forward" | "return";
  /** The rule that blocks, or, for an implicit deny, a description of what is missing. */
  rule: Evidence;
}

export type VerdictKind = "reachable" | "unreachable" | "unknown";

export interface Verdict {
  verdict: VerdictKind;
  source: { id: string; type: ComponentType; name?: string };
  destination: { spec: string; type: ComponentType; addresses: string[]; service?: string };
  protocol: string;
  port: number | null;
  path: Hop[];
  returnPath: Hop[];
  /** Present when the verdict is `unreachable` (and, for `unknown`, where the engine stopped). */
  blockedAt?: BlockedAt;
  /** One sentence. For `unknown`, the reason. */
  explanation: string;
  /** A concrete change that would make the destination reachable. */
  fix?: string;
  /** When only the interface endpoint's own DNS name works: the URL to pass as `--endpoint-url`. */
  requiresEndpointUrl?: string;
  /**
   * The part of the destination proven reachable, when only a part is (e.g. S3 in this Region only).
   * `unknownAddresses`, when present, is the part of the rest whose answer is unknown (data the
   * snapshot lacks, or a component not modelled): it is not claimed unreachable.
   */
  reachableSubset?: { addresses: string[]; ports: string[]; note: string; unknownAddresses?: string[] };
  /**
   * For a source that may run in several places (a Studio domain's subnets, a job's VpcConfig
   * subnets, an endpoint's variants) that do not all give the same verdict: each place's verdict
   * (the whole verdict is then `unknown`). Absent when there is one place or all agree.
   */
  places?: { where: string; verdict: VerdictKind; explanation: string }[];
  warnings: string[];
}

/**
 * A query's answer without its proof (`Analyzer.answer`): the verdict, explanation and endpoint URL
 * `query` gives, and the forward path's components. For readers that need no evidence (the cost
 * estimate): building the proof (numbered hop copies, the return path, packet headers, warnings)
 * is a large part of a query.
 */
export interface Answer extends Pick<Verdict, "verdict" | "explanation" | "requiresEndpointUrl"> {
  /** The forward path: the hops' components and types as in `Verdict.path`, without sequence numbers or packet headers; shared with the search (do not modify). */
  readonly path: readonly Hop[];
}
