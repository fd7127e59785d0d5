/**
 * Address classes: which of a model's address blocks an address lies in, as one number per
 * combination. Two notebook addresses of one class are told apart by no address set the model holds,
 * which is what lets the audit share one answer between notebooks (shared-answers.ts).
 */
import type { Model, NetworkInterface } from "../model/types.js";
import { parseCidr, PUBLIC_IPV4, RFC1918, RFC6598 } from "../net/index.js";
import { addressesAtApply } from "./rules/interface-endpoint.js";

/** Which of the model's address blocks an address lies in, as one number per combination. */
export interface AddressClasses {
  /**
   * The class of an address.
   *
   * @param address - an IPv4 address as a number
   */
  classOf(address: number): number;
  /**
   * The ENIs holding an address when more than one does (once per address they list), else undefined.
   *
   * @param address - an IPv4 address as a number
   */
  heldBy(address: number): readonly NetworkInterface[] | undefined;
}

/**
 * The address classes of a model: the boundaries of every IPv4 address or CIDR text anywhere in the
 * model (rules, routes, prefix lists, subnets, other ENIs, Elastic IPs, …) except the notebooks' own
 * ENI addresses, of the addresses AWS may give an ENI created at apply in each subnet
 * (`addressesAtApply`: an interface endpoint in a Terraform plan), and of the private and public
 * address spaces the engine tests.
 *
 * @param model - the model
 */
export function addressClasses(model: Model): AddressClasses {
  const notebookEnis = new Set<unknown>();
  for (const notebook of model.notebooks.values()) {
    const eni = notebook.networkInterfaceId ? model.networkInterfaces.get(notebook.networkInterfaceId) : undefined;
    if (eni) notebookEnis.add(eni);
  }
  const edges: number[] = [];
  for (const set of [RFC1918, RFC6598, PUBLIC_IPV4]) for (const [first, last] of set.intervals()) edges.push(first, last + 1);
  for (const subnet of model.subnets.values()) for (const [first, last] of addressesAtApply(subnet).intervals()) edges.push(first, last + 1);
  collectEdges(model, notebookEnis, edges, new Set());
  const sorted = Float64Array.from(new Set(edges)).sort();
  // One ENI per address, a list where several hold it (the large estate reuses a few thousand).
  const holders = new Map<number, NetworkInterface | NetworkInterface[]>();
  for (const eni of model.networkInterfaces.values()) {
    for (const address of eni.privateIps) {
      const cidr = parseCidr(address.privateIp);
      if (!cidr) continue;
      const known = holders.get(cidr.first);
      if (known === undefined) holders.set(cidr.first, eni);
      else if (Array.isArray(known)) known.push(eni);
      else holders.set(cidr.first, [known, eni]);
    }
  }
  return {
    heldBy(address) {
      const known = holders.get(address);
      return Array.isArray(known) ? known : undefined;
    },
    classOf(address) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) <= address) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

/** Adds the first address and the one after the last of every address or CIDR text under `value`. */
function collectEdges(value: unknown, skip: Set<unknown>, edges: number[], seen: Set<object>): void {
  if (typeof value === "string") {
    const first = value.charCodeAt(0);
    if (first >= 48 && first <= 57 && value.includes(".")) {
      const cidr = parseCidr(value);
      if (cidr) edges.push(cidr.first, cidr.last + 1);
    }
    return;
  }
  if (typeof value !== "object" || value === null || skip.has(value) || seen.has(value)) return;
  // Only objects holding other objects are remembered (before their first such child is visited): a
  // cycle needs one, and an object of strings and numbers reached twice costs no more than the
  // reference that leads to it. Remembering every object of the large model cost more than the walk.
  let remembered = false;
  // Indexed and keyed loops rather than an array of values per object: the large model holds millions.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (!remembered && typeof child === "object" && child !== null) {
        seen.add(value);
        remembered = true;
      }
      collectEdges(child, skip, edges, seen);
    }
  } else if (value instanceof Map || value instanceof Set) {
    seen.add(value);
    for (const child of value.values()) collectEdges(child, skip, edges, seen);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const child = record[key];
      if (!remembered && typeof child === "object" && child !== null) {
        seen.add(value);
        remembered = true;
      }
      collectEdges(child, skip, edges, seen);
    }
  }
}
