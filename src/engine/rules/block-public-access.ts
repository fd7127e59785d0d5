/**
 * VPC Block Public Access (BPA): an account-wide, per-Region switch that drops traffic through
 * internet gateways whatever the routes and security groups say. `block-bidirectional` drops all of
 * it, NAT gateway traffic included; `block-ingress` drops inbound traffic and the traffic of
 * resources with public IPs, and lets NAT gateway traffic through (NAT gateways only let
 * connections out). An exclusion exempts a VPC or subnet: `allow-bidirectional` from either mode,
 * `allow-egress` (outbound only, so like `block-ingress` for that subnet) from `block-bidirectional`.
 * BPA is judged for the subnet whose network interface meets the internet gateway: the source's
 * own subnet for a public IP, the NAT gateway's subnet for NAT traffic. Exclusions count once
 * created (`create-complete`, `update-complete`); one still in progress makes a blocked answer
 * unknown, as does a blocking mode when the exclusions are not in the snapshot. With no BPA data
 * at all the answer stands and a warning says what BPA would change.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 */
import { bpaOptionsId, scopeKey, type BpaBlockMode, type BpaExclusion, type Model, type Subnet } from "../../model/types.js";
import type { Evidence } from "../verdict.js";
import type { RuleBlock } from "./block.js";
import { collectFailure, presentKinds } from "./missing-data.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "block-public-access",
  docs: {
    description: "VPC Block Public Access: the account's mode and the VPC and subnet exclusions decide which internet gateway traffic AWS drops.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html",
  },
  codes: {
    VPC_BLOCK_PUBLIC_ACCESS_ENABLED: "VPC Block Public Access ({mode}) drops {what} through {igw}: {subnet} {exclusion}",
    MISSING_DATA: "VPC Block Public Access is {mode} and {reason}, so whether AWS drops {what} through {igw} is not known",
  },
} satisfies RuleMeta;

/**
 * How traffic meets the internet gateway: from a source with its own public IP, from a NAT
 * gateway, or unsolicited from the internet to a public IP.
 */
export type IgwCrossing = "direct-egress" | "nat-egress" | "inbound";

/** What BPA leaves open for one subnet: everything, outbound connections only (NAT), or nothing. */
export type BpaAccess = "open" | "egress-only" | "closed";

/** The account's BPA mode for a subnet, and where the snapshot says so. */
export interface BpaSetting {
  mode: BpaBlockMode;
  /** The cited source, e.g. `describe-vpc-block-public-access-options for 111122223333/us-east-1`. */
  source: string;
  /** False when an Organizations declarative policy disallows exclusions. */
  exclusionsAllowed: boolean;
}

/** The outcome of the check: a block (or unknown), the evidence that it passed, and an optional warning. */
export interface BpaCheck {
  block?: RuleBlock;
  evidence?: Evidence;
  warning?: string;
}

const CREATED_STATES = new Set(["create-complete", "update-complete"]);
const WHAT: Record<IgwCrossing, string> = {
  "direct-egress": "traffic from a public IP",
  "nat-egress": "NAT gateway traffic",
  inbound: "inbound internet traffic",
};

/**
 * The account's BPA mode for a subnet: the Region's describe-vpc-block-public-access-options, else
 * the `BlockPublicAccessStates` describe-subnets or describe-vpcs printed on the subnet or its VPC.
 *
 * @param model - the model
 * @param subnet - the subnet
 * @returns the setting, or undefined when the snapshot holds none
 */
export function bpaSetting(model: Model, subnet: Subnet): BpaSetting | undefined {
  const options = model.blockPublicAccessOptions.get(bpaOptionsId(subnet.scope)) ?? [...model.blockPublicAccessOptions.values()].find((o) => o.scope.region === subnet.scope.region && (o.scope.account === undefined || subnet.scope.account === undefined));
  if (options) {
    return { mode: options.mode, source: `describe-vpc-block-public-access-options (${options.scope.account ?? "account"}/${options.scope.region}, ${options.state})`, exclusionsAllowed: options.exclusionsAllowed };
  }
  if (subnet.blockPublicAccessMode) return { mode: subnet.blockPublicAccessMode, source: `BlockPublicAccessStates of ${subnet.id}`, exclusionsAllowed: true };
  const vpcMode = model.vpcs.get(subnet.vpcId)?.blockPublicAccessMode;
  if (vpcMode) return { mode: vpcMode, source: `BlockPublicAccessStates of ${subnet.vpcId}`, exclusionsAllowed: true };
  const other = accountModes(model).get(scopeKey(subnet.scope));
  if (other) return { mode: other.mode, source: `BlockPublicAccessStates of ${other.id}, the account's mode in ${subnet.scope.region}`, exclusionsAllowed: true };
  return undefined;
}

const ACCOUNT_MODES = new WeakMap<Model, Map<string, { mode: BpaBlockMode; id: string }>>();

/**
 * Per account and Region, the mode some VPC or subnet record prints: the account's, which AWS prints
 * on each of them. It holds for a record that does not print it (a VPC or subnet a Terraform plan
 * creates or updates: Terraform does not know the mode).
 */
function accountModes(model: Model): Map<string, { mode: BpaBlockMode; id: string }> {
  let modes = ACCOUNT_MODES.get(model);
  if (modes) return modes;
  modes = new Map();
  for (const record of [...model.vpcs.values(), ...model.subnets.values()]) {
    const key = scopeKey(record.scope);
    if (record.blockPublicAccessMode && !modes.has(key)) modes.set(key, { mode: record.blockPublicAccessMode, id: record.id });
  }
  ACCOUNT_MODES.set(model, modes);
  return modes;
}

/** The exclusions naming a subnet or its VPC. */
function exclusionsFor(model: Model, subnet: Subnet): BpaExclusion[] {
  return [...model.blockPublicAccessExclusions.values()].filter((e) => e.resourceId === subnet.id || e.resourceId === subnet.vpcId);
}

/**
 * What BPA leaves open for a subnet under a mode and its exclusions.
 *
 * @param mode - the account's mode
 * @param exclusions - the created exclusions naming the subnet or its VPC
 */
export function bpaAccess(mode: BpaBlockMode, exclusions: readonly Pick<BpaExclusion, "mode">[]): BpaAccess {
  if (mode === "off" || exclusions.some((e) => e.mode === "allow-bidirectional")) return "open";
  if (mode === "block-ingress" || exclusions.some((e) => e.mode === "allow-egress")) return "egress-only";
  return "closed";
}

/**
 * True when what BPA leaves open admits traffic crossing the internet gateway this way.
 *
 * @param access - what BPA leaves open for the subnet
 * @param crossing - how the traffic meets the internet gateway
 */
export function bpaAdmits(access: BpaAccess, crossing: IgwCrossing): boolean {
  return access === "open" || (access === "egress-only" && crossing === "nat-egress");
}

/**
 * Checks VPC Block Public Access for traffic crossing an internet gateway.
 *
 * @param model - the model
 * @param subnet - the subnet whose network interface meets the gateway (the NAT gateway's for NAT traffic)
 * @param crossing - how the traffic meets the gateway
 * @param igwId - the internet gateway
 */
export function checkBlockPublicAccess(model: Model, subnet: Subnet, crossing: IgwCrossing, igwId: string): BpaCheck {
  const what = WHAT[crossing];
  const setting = bpaSetting(model, subnet);
  if (!setting) {
    const failed = collectFailure(model, subnet.scope, "blockPublicAccessOptions", `the VPC Block Public Access setting for ${subnet.id}`);
    if (failed) return { block: failed };
    const modes = crossing === "nat-egress" ? "block-bidirectional (without an exclusion for the NAT gateway's subnet)" : "on (either mode, without an allow-bidirectional exclusion)";
    return { warning: `the account's VPC Block Public Access setting for ${subnet.scope.region} is not in the snapshot (describe-vpc-block-public-access-options): if it is ${modes}, AWS drops this ${what} at ${igwId}` };
  }
  // Off: BPA takes no part in the path, so it adds no evidence.
  if (setting.mode === "off") return {};
  const all = setting.exclusionsAllowed ? exclusionsFor(model, subnet) : [];
  const created = all.filter((e) => CREATED_STATES.has(e.state));
  const access = bpaAccess(setting.mode, created);
  const ref = `${setting.source}${created.length > 0 ? `; ${created.map((e) => `${e.id} ${e.resourceId} ${e.mode}`).join(", ")}` : ""}`;
  if (bpaAdmits(access, crossing)) {
    return { evidence: { kind: "attribute", ref: "vpc-block-public-access", text: `VPC Block Public Access ${setting.mode}${created.length > 0 ? `, exclusion ${created.map((e) => `${e.id} (${e.resourceId}, ${e.mode})`).join(", ")}` : ""}: ${what} from ${subnet.id} passes (${setting.source})` } };
  }
  const pending = all.filter((e) => e.state.endsWith("-in-progress") && bpaAdmits(bpaAccess(setting.mode, [...created, e]), crossing));
  const exclusionsUnknown = setting.exclusionsAllowed && created.length === 0 && !presentKinds(model, subnet.scope)?.has("blockPublicAccessExclusions");
  if (pending.length > 0 || exclusionsUnknown) {
    const reason = pending.length > 0
      ? `exclusion ${pending.map((e) => `${e.id} (${e.resourceId}, ${e.mode}) is ${e.state}`).join(", ")}`
      : "the exclusions are not in the snapshot (describe-vpc-block-public-access-exclusions)";
    return {
      block: {
        code: "MISSING_DATA",
        message: fill(meta.codes.MISSING_DATA, { mode: setting.mode, reason, what, igw: igwId }),
        rule: { kind: "attribute", ref: "vpc-block-public-access", text: `${setting.mode} (${setting.source}); ${reason}` },
        fix: pending.length > 0 ? "query again once the exclusion is created" : "add the output of aws ec2 describe-vpc-block-public-access-exclusions to the snapshot",
        unknown: true,
      },
    };
  }
  return {
    block: {
      code: "VPC_BLOCK_PUBLIC_ACCESS_ENABLED",
      message: fill(meta.codes.VPC_BLOCK_PUBLIC_ACCESS_ENABLED, { mode: setting.mode, what, igw: igwId, subnet: subnet.id, exclusion: exclusionText(setting, created) }),
      rule: { kind: "attribute", ref: "vpc-block-public-access", text: `InternetGatewayBlockMode ${setting.mode} (${ref})` },
      fix: bpaFix(setting, subnet, crossing),
    },
  };
}

/** Why the subnet is not exempt, for the block's message. */
function exclusionText(setting: BpaSetting, created: BpaExclusion[]): string {
  if (!setting.exclusionsAllowed) return "has no exclusion (exclusions are not allowed by the Organization's declarative policy)";
  if (created.length === 0) return "has no exclusion (nor does its VPC)";
  return `is excluded only in allow-egress mode (${created.map((e) => e.id).join(", ")})`;
}

/** The concrete change that lets the traffic through. */
function bpaFix(setting: BpaSetting, subnet: Subnet, crossing: IgwCrossing): string {
  if (!setting.exclusionsAllowed) return "exclusions are disallowed by the Organization's declarative policy: its administrator must allow them or turn VPC Block Public Access off";
  const mode = crossing === "nat-egress" ? "allow-egress" : "allow-bidirectional";
  const exclude = `aws ec2 create-vpc-block-public-access-exclusion --subnet-id ${subnet.id} --internet-gateway-exclusion-mode ${mode}`;
  if (crossing === "nat-egress") return `exclude the NAT gateway's subnet: ${exclude}`;
  if (crossing === "direct-egress") return `${exclude}, or send the traffic through a NAT gateway${setting.mode === "block-ingress" ? "" : " in a subnet excluded in allow-egress mode"}`;
  return exclude;
}
