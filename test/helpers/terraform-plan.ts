/** Small `terraform show -json` plans written for tests: a list of resource changes in, a plan file out. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One resource change of the plan. */
export interface Change {
  address: string;
  actions: string[];
  /** Attributes before (destroyed resources) and after (the rest). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  afterUnknown?: Record<string, boolean>;
  /** Configuration references per attribute, for values known only after apply. */
  references?: Record<string, string[]>;
  /** Further configuration expressions, as the plan prints them (nested blocks). */
  expressions?: Record<string, unknown>;
}

/**
 * Writes a plan (format 1.2, provider Region `region`) holding these changes, root module only.
 *
 * @param changes - the resource changes
 * @param region - the AWS provider's Region
 * @returns the plan file
 */
export function writePlan(changes: Change[], region = "us-east-1"): string {
  const typeOf = (address: string) => address.split(".")[0]!;
  const nameOf = (address: string) => address.split(".")[1]!;
  const json = {
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: changes
          .filter((c) => !(c.actions.length === 1 && c.actions[0] === "delete"))
          .map((c) => ({ address: c.address, mode: "managed", type: typeOf(c.address), name: nameOf(c.address), values: c.after ?? {} })),
      },
    },
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: "managed",
      type: typeOf(c.address),
      name: nameOf(c.address),
      change: { actions: c.actions, before: c.before ?? null, after: c.after ?? null, after_unknown: c.afterUnknown ?? {} },
    })),
    configuration: {
      provider_config: { aws: { name: "aws", expressions: { region: { constant_value: region } } } },
      root_module: {
        resources: changes.map((c) => ({
          address: c.address,
          expressions: { ...Object.fromEntries(Object.entries(c.references ?? {}).map(([attribute, references]) => [attribute, { references }])), ...c.expressions },
        })),
      },
    },
  };
  const file = join(mkdtempSync(join(tmpdir(), "vpcreach-plan-")), "plan.json");
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/**
 * A resource the plan creates, its id known only after apply and each of `refs` a reference to
 * another resource of the plan (`{ vpc_id: "aws_vpc.a" }`, lists for list attributes).
 *
 * @param address - e.g. `aws_subnet.a`
 * @param values - its known attributes
 * @param refs - attributes naming other resources by address
 */
export function created(address: string, values: Record<string, unknown>, refs: Record<string, string | string[]> = {}): Change {
  const references = Object.fromEntries(Object.entries(refs).map(([attribute, target]) => [attribute, (Array.isArray(target) ? target : [target]).flatMap((a) => [`${a}.id`, a])]));
  const afterUnknown = Object.fromEntries(["id", ...Object.keys(refs)].map((attribute) => [attribute, true]));
  return { address, actions: ["create"], after: values, afterUnknown, references };
}
