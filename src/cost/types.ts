/**
 * The shape of a cost estimate, as `vpcreach cost --json` prints it and as the report embeds it:
 * the estate as it is (fixed monthly charges per NAT gateway and endpoint, traffic charges decided by
 * the engine's verdicts), and per VPC holding notebooks the alternative egress designs with their
 * cost and what each makes reachable.
 */
import type { Confidence } from "./price-table.js";
import type { TierSlice, Usd } from "./arithmetic.js";
import type { VerdictKind } from "../engine/verdict.js";

/** A price figure an estimate used, so the output can mark medium and unverified ones. */
export interface FigureUse {
  region: string;
  /** The price-table key, e.g. `natGatewayHourly`. */
  figure: string;
  /** The rate (first tier for tiered figures); null when the figure was not found. */
  value: number | null;
  confidence: Confidence;
  sources: string[];
  note?: string;
}

export interface NatGatewayCost {
  id: string;
  name: string | undefined;
  vpcId: string;
  region: string;
  /** Undefined for a regional NAT gateway. */
  availabilityZone: string | undefined;
  availabilityMode: "zonal" | "regional";
  connectivityType: "public" | "private";
  hourlyUsd: number | null;
  monthlyUsd: Usd;
  publicIpv4Count: number;
  publicIpv4MonthlyUsd: Usd;
  notes: string[];
}

export interface InterfaceEndpointCost {
  id: string;
  name: string | undefined;
  vpcId: string;
  region: string;
  serviceName: string;
  availabilityZones: string[];
  hourlyUsdPerAz: number | null;
  monthlyUsd: Usd;
}

/** A VPC's attachment to a transit gateway, billed per hour to the VPC it attaches. */
export interface TransitGatewayAttachmentCost {
  id: string;
  transitGatewayId: string;
  vpcId: string;
  region: string;
  hourlyUsd: number | null;
  monthlyUsd: Usd;
}

/** A public IPv4 address billed by the hour, other than a NAT gateway's. */
export interface PublicIpv4Cost {
  address: string;
  allocationId: string | undefined;
  region: string;
  /** Undefined for an Elastic IP associated with nothing: it is billed to the account, in no VPC. */
  vpcId: string | undefined;
  /** The instance or network interface it is on. */
  attachedTo: string | undefined;
  /** `Elastic IP`, `Elastic IP, not associated`, `public IP of an instance`, `public IP of a network interface (TYPE)`. */
  kind: string;
  hourlyUsd: number | null;
  monthlyUsd: Usd;
}

export interface GatewayEndpointCost {
  id: string;
  vpcId: string;
  region: string;
  serviceName: string;
  monthlyUsd: 0;
}

/** How a flow of notebook traffic leaves the VPC, as the engine's verdict says. */
export type TrafficRoute =
  | "nat-gateway"
  | "interface-endpoint"
  | "gateway-endpoint"
  | "internet-gateway"
  | "sagemaker-managed"
  | "unreachable"
  | "unknown"
  | "other";

/** One notebook's share of one traffic assumption, and what it costs on the path the engine found. */
export interface TrafficFlow {
  vpcId: string;
  region: string;
  notebook: string;
  /** The traffic key (`internet`, `internet-in`, `s3`, `sagemaker-api`, `service:sts`, …). */
  trafficKey: string;
  gb: number;
  verdict: VerdictKind;
  route: TrafficRoute;
  /** The NAT gateway or endpoint that carries it. */
  via: string | undefined;
  /** The transit gateways the path crosses before it leaves (centralized egress or endpoints). */
  transitGateways: string[];
  /** True when the notebook's subnet and its NAT gateway are in different AZs. */
  crossAz: boolean;
  natProcessingUsd: Usd;
  /** Transit gateway data processing: each GB the spoke's attachment sends into the transit gateway. */
  transitGatewayProcessingUsd: Usd;
  crossAzUsd: Usd;
  /** The other Regions the path crosses into (through peered transit gateways), in order. */
  otherRegions: string[];
  /** Inter-Region transfer, billed by the notebook's Region, when the path crosses into another Region. */
  interRegionUsd: Usd;
  /** GB counted towards the Region's interface-endpoint tiers. */
  endpointGb: number;
  /** GB counted towards the Region's internet data transfer out. */
  internetOutGb: number;
  /** Where its volume was given: `notebooks.NAME`, `tags.Key=Value`, or `VPC-ID (shared)` (an even share of the VPC's). */
  volumeFrom?: string;
  /** One sentence: where the bytes go and what is charged. */
  note: string;
  /** When the service is reached only through the endpoint's own DNS name (private DNS off). */
  requiresEndpointUrl?: string;
}

/** Monthly charges of one VPC or Region by kind; `total` is null when a needed figure is unknown. */
export interface CostBreakdown {
  natGatewayHoursUsd: Usd;
  publicIpv4Usd: Usd;
  interfaceEndpointHoursUsd: Usd;
  transitGatewayAttachmentHoursUsd: Usd;
  natProcessingUsd: Usd;
  transitGatewayProcessingUsd: Usd;
  interfaceEndpointProcessingUsd: Usd;
  internetOutUsd: Usd;
  crossAzUsd: Usd;
  /** Transfer into other Regions (paths through peered transit gateways). */
  interRegionUsd: Usd;
  totalUsd: Usd;
  /** The sum of the known parts (equal to `totalUsd` when nothing is unknown). */
  knownTotalUsd: number;
}

export interface VpcCost extends CostBreakdown {
  vpcId: string;
  name: string | undefined;
  region: string;
}

export interface RegionCost extends CostBreakdown {
  region: string;
  interfaceEndpointGb: number;
  interfaceEndpointTiers: TierSlice[];
  internetOutGb: number;
  /** The part of the free internet allowance used by this Region. */
  internetFreeGbApplied: number;
  internetOutTiers: TierSlice[];
}

export interface EstateCost {
  natGateways: NatGatewayCost[];
  interfaceEndpoints: InterfaceEndpointCost[];
  gatewayEndpoints: GatewayEndpointCost[];
  transitGatewayAttachments: TransitGatewayAttachmentCost[];
  /** Public IPv4 addresses other than NAT gateways' (counted in each VPC's, or for one not associated its Region's, publicIpv4Usd). */
  publicIpv4Addresses: PublicIpv4Cost[];
  flows: TrafficFlow[];
  vpcs: VpcCost[];
  regions: RegionCost[];
  total: CostBreakdown;
  figures: FigureUse[];
  warnings: string[];
}

/** Reachability of one destination for the notebooks of a VPC under one design. */
export interface ReachabilityClaim {
  destination: string;
  reachable: number;
  unreachable: number;
  unknown: number;
  /** How the reachable notebooks get there (`nat-gateway`, `gateway-endpoint`, …). */
  via: TrafficRoute[];
  /** Set when a notebook only reaches it through the endpoint's own DNS name. */
  requiresEndpointUrl?: string;
  /** One line per notebook that does not reach it: the engine's explanation. */
  reasons: string[];
}

export type AlternativeId = "current" | "a" | "b" | "c" | "d";

export interface BreakEven {
  /** What is compared, e.g. `interface endpoints for sagemaker.api, sagemaker.runtime vs NAT processing`. */
  subject: string;
  formula: string;
  /** GB/month above which the endpoints are cheaper; null when they never pay for themselves. */
  gbPerMonth: number | null;
  explanation: string;
}

export interface Alternative {
  id: AlternativeId;
  title: string;
  /** The changes made to the model to get this design (empty for `current`). */
  changes: string[];
  cost: VpcCost;
  natGateways: number;
  interfaceEndpoints: string[];
  gatewayEndpoints: string[];
  reachability: ReachabilityClaim[];
  breakEven: BreakEven[];
  warnings: string[];
}

export interface VpcAlternatives {
  vpcId: string;
  region: string;
  notebooks: string[];
  alternatives: Alternative[];
  /** Price figures the alternatives used. */
  figures: FigureUse[];
}

/** A design shared by the VPCs holding notebooks in one Region. */
export type SharedDesignId = "current" | "nat-per-az" | "nat-per-vpc" | "central-egress" | "central-all";

export interface SharedDesign {
  id: SharedDesignId;
  title: string;
  /** The VPCs priced: the set, plus the egress or shared-services VPCs the design uses. */
  vpcIds: string[];
  changes: string[];
  /** Monthly charges over `vpcIds` (without the hosted zones). */
  cost: CostBreakdown;
  /** Private hosted zones associated with any of `vpcIds` (Route 53 bills each per month). */
  privateHostedZones: number;
  privateHostedZonesUsd: Usd;
  /** `cost` plus the hosted zones; null when a figure is unknown. */
  totalUsd: Usd;
  knownTotalUsd: number;
  natGateways: number;
  /** Interface endpoint-AZs (each billed hourly). */
  interfaceEndpointAzs: number;
  transitGatewayAttachments: number;
  /** Over every notebook of the set. */
  reachability: ReachabilityClaim[];
  warnings: string[];
}

/** A break-even between designs shared by a set of VPCs, in VPCs and GB per month per VPC. */
export interface SharedBreakEven {
  id: "central-egress" | "central-endpoints" | "nat-per-vpc" | "s3-gateway-endpoints";
  subject: string;
  formula: string;
  /** The GB per month per VPC the figures are computed at (the set's average). */
  gbPerVpc: number;
  /** The fewest VPCs from which the shared design is cheaper at `gbPerVpc`; null: never, unknown, or not a question of VPCs. */
  fromVpcs: number | null;
  /** With the set's own number of VPCs, the GB per VPC below which the design is cheaper; null: at no volume, unknown, or not applicable. */
  belowGbPerVpc: number | null;
  /** One sentence, e.g. "centralized egress is cheaper from 4 VPCs at 500 GB each". */
  statement: string;
}

/** The designs shared by the VPCs holding notebooks in one Region, priced over the whole set. */
export interface SharedDesigns {
  region: string;
  vpcIds: string[];
  notebooks: string[];
  /** Interface endpoint services the designs provide (short names). */
  services: string[];
  shape: { vpcs: number; azs: number; services: number; spokesAttached: boolean; gb: { nat: number; endpoints: number; s3: number } };
  /** Why no design was built (fewer than two VPCs); the break-even is still given. */
  skipped?: string;
  designs: SharedDesign[];
  breakEven: SharedBreakEven[];
  figures: FigureUse[];
}

export interface CostEstimate {
  snapshot: string;
  priceTable: {
    file: string;
    /** How to name the table to a reader: `data/prices.json (bundled)` or the --prices path. */
    label: string;
    version: string;
    date: string;
    live: boolean;
  };
  hoursPerMonth: number;
  /** The traffic assumptions used (GB/month per VPC holding notebooks), empty when none were given. */
  traffic: {
    default: Record<string, number>;
    perVpc: Record<string, Record<string, number>>;
    perNotebook: Record<string, Record<string, number>>;
    perTag: Record<string, Record<string, number>>;
  };
  assumptions: string[];
  estate: EstateCost;
  alternatives: VpcAlternatives[];
  /** Per Region, the designs shared by its VPCs holding notebooks. */
  sharedDesigns: SharedDesigns[];
  warnings: string[];
}
