/**
 * The hops of the packet walk: each step names the kind of component the traffic reaches next and
 * what it carries there. `walk/index.ts` maps each kind to its handler (one module per kind); a
 * handler continues the walk only through `next`, so no handler imports another.
 */
import type { IntervalSet } from "../../net/index.js";
import type { RouteTable, Subnet } from "../../model/types.js";
import type { SageMakerEgress } from "../rules/sagemaker-workload.js";
import type { Env, Outcome, Trace } from "../trace.js";

/** Where the traffic goes next, with the destination addresses (`dst`) that go there. */
export type Step =
  /** The source: a notebook's managed-network split, then its ENI's security groups. */
  | { kind: "source"; dst: IntervalSet }
  /** Out of a subnet: same-subnet delivery, else its NACL outbound and its route table. */
  | { kind: "leave-subnet"; subnet: Subnet; dst: IntervalSet }
  /** Route selection in a subnet's route table, then each part to its target. */
  | { kind: "route-table"; subnet: Subnet; dst: IntervalSet }
  /** Into a VPC over its local route: split over its subnets. */
  | { kind: "vpc"; vpcId: string; dst: IntervalSet }
  /** Into a subnet from elsewhere: its NACL inbound (and outbound for the replies). */
  | { kind: "enter-subnet"; subnet: Subnet; dst: IntervalSet }
  /** Inside a subnet, to the ENIs that own the addresses. */
  | { kind: "subnet-delivery"; subnet: Subnet; dst: IntervalSet }
  | { kind: "internet-gateway"; table: RouteTable; igwId: string; dst: IntervalSet }
  | { kind: "nat-gateway"; fromSubnet: Subnet; natId: string; dst: IntervalSet }
  | { kind: "gateway-endpoint"; table: RouteTable; endpointId: string; dst: IntervalSet }
  | { kind: "peering"; table: RouteTable; pcxId: string; dst: IntervalSet }
  | { kind: "transit-gateway"; table: RouteTable; tgwId: string; dst: IntervalSet }
  /** A SageMaker source with direct internet access: out through the SageMaker-managed network. */
  | { kind: "managed-network"; egress: SageMakerEgress; dst: IntervalSet }
  /** Public addresses after AWS's network (`via` = the IGW or managed network): re-entry or the sink. */
  | { kind: "internet"; via: string; dst: IntervalSet };

export type StepKind = Step["kind"];

/** Continues the walk at the next step. */
export type Next = (trace: Trace, step: Step) => Outcome[];

/** The handler of one hop kind. */
export type Handler<K extends StepKind> = (env: Env, trace: Trace, step: Extract<Step, { kind: K }>, next: Next) => Outcome[];
