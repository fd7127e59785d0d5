/**
 * Answers shared between notebooks. Most notebooks of an estate share their subnet and security
 * groups with others, and the engine's answer for such a notebook differs from its neighbour's only
 * in the names it shows. So the answer is computed once, for a source that carries the notebook's
 * every setting but placeholder names (`notebookSourceAs`), written as JSON once, and each notebook
 * of the class gets that text with its own id, name, ENI id and IP put in (the proof still names its
 * own source).
 *
 * Why two notebooks of one class get the same answer up to their names:
 * - the class key holds every `Source` field the engine reads: type, subnet, VPC, scope, security
 *   groups (in order), public IP (none), the SageMaker settings and running state, and the ENI's
 *   settings (status, type, source/destination check, groups, Availability Zone);
 * - the engine compares the source address only with address sets; the key holds which of the
 *   model's address blocks contain it (`AddressClasses`: every IPv4 address or CIDR text anywhere in
 *   the model, except the notebooks' own ENI addresses, the addresses AWS may give an ENI created at
 *   apply in each subnet, and the private and public address spaces), so every block contains both
 *   addresses or neither. A notebook's own address meets the engine only through the ENIs holding it:
 *   its own (e.g. as a member of its security groups, which are in the key) and, where an estate
 *   reuses addresses, others, which its walks must not be able to meet (reused-addresses.ts says when);
 * - only destinations named by the internet or a service are shared: an address destination
 *   (`10.0.1.7`) is a set the model does not hold. A notebook is shared only when its address is
 *   private (RFC 1918 or RFC 6598, never in the public ranges of AWS services), has no public or
 *   Elastic IP (the engine reads an ENI's public IP where the key does not say), and when no
 *   resource whose name the answer shows (notebook, ENI) is in doubt: doubts are looked up by the
 *   names on the path, which are placeholders while the class answer is computed;
 * - a placeholder answer that still shows the representative's own name, ENI id or IP (the engine
 *   found them through the model rather than through the source) is not shared: each notebook of
 *   that class is then analysed on its own.
 * test/engine/shared-answers.test.ts compares shared and unshared audits on every fixture, on a
 * synthetic estate, on notebooks told apart by a NACL rule for one address, and on notebooks whose
 * addresses other notebooks hold in VPCs their walks do or do not meet.
 */
import { Utf8Slabs } from "../fs/batches.js";
import { addressClasses, type AddressClasses } from "./address-classes.js";
import { addressReuse, type AddressReuse } from "./reused-addresses.js";
import { InputError } from "../model/errors.js";
import type { Model, NetworkInterface } from "../model/types.js";
import { formatIpv4, RFC1918, RFC6598 } from "../net/index.js";
import { parseDestination } from "./destination.js";
import { analyzeSource } from "./analyze.js";
import type { AnalyzerContext } from "./context.js";
import { notebookSourceAs, type NotebookIdentity } from "./source.js";
import { reachSummary, type ReachSummary } from "./findings/types.js";
import type { Verdict } from "./verdict.js";
import { resolveSources } from "./workload-source.js";

export interface SharedAnswers {
  /**
   * The answer of a notebook for a destination, or undefined when the notebook's answer is not shared
   * (it has no ENI in the snapshot, a public IP, an address another ENI its walks may meet holds, …): ask the analyzer then.
   *
   * @param notebookId - the notebook's id (its key in `model.notebooks`)
   * @param destination - one of the analyzer's destinations, e.g. `s3`
   */
  answer(notebookId: string, destination: string): SharedAnswer | undefined;
}

/** One notebook's shared answer, in the forms its readers need. */
export interface SharedAnswer {
  /**
   * `JSON.stringify` of the verdict the analyzer gives, in pieces: the notebook's names as text, the
   * class's text between them as its UTF-8 bytes (encoded once per class); decoded and joined, they are that text.
   */
  json(): (string | Uint8Array)[];
  /** `JSON.stringify` of that verdict's `source`, in pieces. */
  sourceJson(): string[];
  /** The verdict itself; parts that show no name of the source are shared with the other notebooks' verdicts (do not modify). */
  verdict(): Verdict;
  /** `reachSummary` of that verdict, summarised once for the class; shared parts as for `verdict` (do not modify). */
  summary(): ReachSummary;
}

/** The address spaces a shared notebook's address must lie in: no public range (of AWS services, say) holds them. */
const PRIVATE_SPACE = RFC1918.union(RFC6598);

/** Where the class texts' bytes are kept: a few large buffers rather than a small one per part (src/fs/batches.ts). */
const CLASS_TEXT = new Utf8Slabs();

/** How many class answers are kept for reuse (the oldest is dropped first; a dropped one is recomputed when asked again). */
const KEPT_ANSWERS = 512;

/** Placeholders for the names an answer shows; private-use characters, refused in real names. */
const PLACEHOLDER: Readonly<NotebookIdentity> = { id: "\uE000id\uE001", name: "\uE000name\uE001", eniId: "\uE000eni\uE001", ipText: "\uE000ip\uE001" };
const SLOTS = Object.keys(PLACEHOLDER) as (keyof NotebookIdentity)[];
const SLOT_PATTERN = new RegExp(SLOTS.map((slot) => PLACEHOLDER[slot]).join("|"), "g");

/** JSON text split at the placeholders: `parts[0] slot[0] parts[1] … parts[n]`; the parts as text or as their UTF-8 bytes. */
interface Template<Part extends string | Uint8Array = string> {
  parts: Part[];
  slots: (keyof NotebookIdentity)[];
}

interface Member {
  /** Everything the engine reads from the source besides its names. */
  key: string;
  identity: NotebookIdentity;
  /** The names escaped as JSON string content, as the templates take them. */
  escaped: NotebookIdentity;
  notebook: NonNullable<ReturnType<Model["notebooks"]["get"]>>;
  eni: NetworkInterface;
}

/** A value with placeholder names, and (once asked for) which of its objects show one: the rest is shared as it is. */
interface Renamable<T> {
  value: T;
  named: WeakSet<object> | undefined;
}

/** A class's answer for one destination: as JSON templates, the placeholder verdict and its summary; undefined when it cannot be shared. */
type Shared = { json: Template<Uint8Array>; source: Template; verdict: Renamable<Verdict>; summary: Renamable<ReachSummary>; address: string } | undefined;

/**
 * Builds the sharing for an analyzer context. Nothing is computed until asked.
 *
 * @param ctx - the analyzer context
 */
export function createSharedAnswers(ctx: AnalyzerContext): SharedAnswers {
  let members: Map<string, Member | undefined> | undefined;
  const answers = new Map<string, Shared>();

  // A notebook alone in its class gains nothing from a template: only classes of two or more share.
  const memberOf = (notebookId: string): Member | undefined => {
    if (!members) {
      const classes = addressClasses(ctx.model);
      const reuse = addressReuse(ctx);
      const all = [...ctx.model.notebooks.keys()].map((id) => [id, describeMember(ctx, classes, reuse, id)] as const);
      const sizes = new Map<string, number>();
      for (const [, member] of all) if (member) sizes.set(member.key, (sizes.get(member.key) ?? 0) + 1);
      members = new Map(all.map(([id, member]) => [id, member && (sizes.get(member.key) ?? 0) > 1 ? member : undefined]));
    }
    return members.get(notebookId);
  };

  const named = new Map<string, boolean>();
  // Whether a destination is the internet or a service (a malformed one is left to the analyzer, which says why).
  const byName = (destination: string): boolean => {
    let ok = named.get(destination);
    if (ok === undefined) {
      try {
        ok = parseDestination(destination).kind !== "address";
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        ok = false;
      }
      named.set(destination, ok);
    }
    return ok;
  };

  return {
    answer(notebookId, destination) {
      if (!byName(destination)) return undefined;
      const member = memberOf(notebookId);
      if (!member) return undefined;
      const key = `${destination}\u0000${member.key}`;
      let shared = answers.get(key);
      if (shared === undefined && !answers.has(key)) {
        shared = shareAnswer(ctx, member, destination);
        answers.set(key, shared);
        // Notebooks of one class are mostly audited one after another (names follow the VPC): keep the latest few.
        if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value as string);
      }
      if (!shared) return undefined;
      const { identity, escaped } = member;
      return {
        json: () => fill(shared.json, escaped),
        sourceJson: () => fill(shared.source, escaped),
        verdict: () => renamed(shared.verdict, shared.address, identity),
        summary: () => renamed(shared.summary, shared.address, identity),
      };
    },
  };
}

/** The notebook as a class member, or undefined when its answer is not to be shared. */
function describeMember(ctx: AnalyzerContext, classes: AddressClasses, reuse: AddressReuse, notebookId: string): Member | undefined {
  let candidates;
  try {
    candidates = resolveSources(ctx, `notebook/${notebookId}`);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  const src = candidates[0]?.source;
  const notebook = src?.notebook;
  const eni = src?.eni;
  if (candidates.length !== 1 || !src || !notebook || !eni || src.type !== "notebook") return undefined;
  if (src.instance || src.publicIp !== undefined || src.name === undefined || src.eniId === undefined) return undefined;
  if (src.privateIp === undefined || eni.privateIps.length !== 1 || src.privateIpText !== formatIpv4(src.privateIp)) return undefined;
  if (!PRIVATE_SPACE.contains(src.privateIp)) return undefined;
  if (eni.privateIps[0]?.publicIp !== undefined || ctx.elasticIpOf(eni.id, src.privateIpText) !== undefined) return undefined;
  const addressClass = classes.classOf(src.privateIp);
  if (classes.heldBy(src.privateIp)?.some((other) => other !== eni && reuse.mayMeet(src, other))) return undefined;
  const identity: NotebookIdentity = { id: src.id, name: src.name, eniId: src.eniId, ipText: src.privateIpText };
  if (Object.values(identity).some((text) => text.includes("\uE000") || text.includes("\uE001"))) return undefined;
  // Doubts are found by the ids an answer shows: while it is computed, these are placeholders.
  const doubts = ctx.model.doubts;
  if (doubts && [notebookId, ...Object.values(identity)].some((name) => doubts.has(name))) return undefined;
  const key = JSON.stringify([
    addressClass,
    src.subnetId,
    src.vpcId,
    src.scope,
    src.groupIds,
    src.sagemaker && { ...src.sagemaker, id: undefined, missing: src.sagemaker.missing?.what },
    notebook.status,
    notebook.subnetId,
    [eni.subnetId, eni.vpcId, eni.availabilityZone, eni.interfaceType, eni.status, eni.sourceDestCheck, eni.securityGroupIds, eni.requesterManaged],
  ]);
  const escape = (text: string) => JSON.stringify(text).slice(1, -1);
  const escaped: NotebookIdentity = { id: escape(identity.id), name: escape(identity.name), eniId: escape(identity.eniId), ipText: escape(identity.ipText) };
  return { key, identity, escaped, notebook, eni };
}

/** Computes a class's answer with placeholder names; undefined when it shows a real name anyway. */
function shareAnswer(ctx: AnalyzerContext, member: Member, destination: string): Shared {
  const placeholderSource = notebookSourceAs(ctx, member.notebook, member.eni, PLACEHOLDER);
  let verdict;
  try {
    verdict = analyzeSource(ctx, placeholderSource, { from: PLACEHOLDER.id, to: destination });
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  // Packet headers print the source address from its number: as a whole string it is the source's.
  const address = `${member.identity.ipText}/32`;
  const json = compile(JSON.stringify(verdict), member.identity.ipText);
  // The parts are the text between the names: a name is never split by one (names hold no placeholder characters).
  // Each distinct name once (a notebook's id is mostly its name): each is looked for in the whole text.
  const own = [...new Set([member.identity.id, member.identity.name, member.identity.eniId, member.identity.ipText])];
  if (json.parts.some((part) => own.some((name) => part.includes(name)))) return undefined;
  return {
    json: encoded(json),
    source: compile(JSON.stringify(verdict.source)),
    verdict: { value: verdict, named: undefined },
    summary: { value: reachSummary(verdict), named: undefined },
    address,
  };
}

/** Whether `value` shows a name of the source (a placeholder, or the address as a string); marks such objects in `named`. */
function markNamed(value: unknown, address: string, named: WeakSet<object>): boolean {
  if (typeof value === "string") return value === address || value.includes("\uE000");
  if (typeof value !== "object" || value === null) return false;
  let found = false;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (markNamed(child, address, named)) found = true;
  if (found) named.add(value);
  return found;
}

/** A placeholder value with one notebook's names: objects that show none are shared, not copied. */
function renamed<T>(holder: Renamable<T>, address: string, identity: NotebookIdentity): T {
  if (!holder.named) markNamed(holder.value, address, (holder.named = new WeakSet()));
  return rename(holder.value, holder.named, address, identity) as T;
}

function rename(value: unknown, named: WeakSet<object>, address: string, identity: NotebookIdentity): unknown {
  if (typeof value === "string") {
    if (value === address) return `${identity.ipText}/32`;
    return value.includes("\uE000") ? value.replace(SLOT_PATTERN, (token) => identity[SLOTS.find((slot) => PLACEHOLDER[slot] === token) as keyof NotebookIdentity]) : value;
  }
  if (typeof value !== "object" || value === null || !named.has(value)) return value;
  if (Array.isArray(value)) return value.map((item) => rename(item, named, address, identity));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = rename(item, named, address, identity);
  return copy;
}

/**
 * Splits JSON text at the placeholders and, given the source's IP text, at the address of each whole
 * string `"IP/32"` (as if that string were `"<ip placeholder>/32"`), in one pass over the text with no
 * match objects: replacing the strings first copied a verdict's text twice.
 *
 * @param text - JSON text
 * @param ipText - the source's IP as text
 */
function compile(text: string, ipText?: string): Template {
  const quoted = ipText === undefined ? undefined : `"${ipText}/32"`;
  const parts: string[] = [];
  const slots: (keyof NotebookIdentity)[] = [];
  let last = 0;
  let slotAt = text.indexOf("\uE000");
  let addressAt = quoted === undefined ? -1 : text.indexOf(quoted);
  // Neither can start inside the other: placeholders hold no quote, the address no placeholder character.
  while (slotAt >= 0 || addressAt >= 0) {
    if (addressAt >= 0 && (slotAt < 0 || addressAt < slotAt)) {
      // The quote stays in the part before, "/32" and the closing quote start the part after.
      parts.push(text.slice(last, addressAt + 1));
      slots.push("ipText");
      last = addressAt + 1 + (ipText as string).length;
      addressAt = text.indexOf(quoted as string, addressAt + (quoted as string).length);
      continue;
    }
    const slot = SLOTS.find((name) => text.startsWith(PLACEHOLDER[name], slotAt));
    if (slot) {
      parts.push(text.slice(last, slotAt));
      slots.push(slot);
      last = slotAt + PLACEHOLDER[slot].length;
    }
    slotAt = text.indexOf("\uE000", slot ? last : slotAt + 1);
  }
  parts.push(text.slice(last));
  return { parts, slots };
}

/**
 * The template with its parts as UTF-8 bytes. A class's verdict text is held while its notebooks are
 * audited, long enough to be copied into V8's old generation and marked there (about 100 MB of text
 * for the large audit, most of it two-byte: the placeholders are beyond Latin-1); as bytes it is about
 * half that, outside the heap, and each notebook's row copies it instead of encoding it again.
 * Parts end at placeholders and ASCII quotes, never inside a character, so they encode apart as the
 * whole text would.
 */
function encoded(template: Template): Template<Uint8Array> {
  return { parts: template.parts.map((part) => CLASS_TEXT.encode(part)), slots: template.slots };
}

/** The template with one notebook's names (escaped as JSON string content), in pieces (not concatenated: see src/fs/batches.ts). */
function fill<Part extends string | Uint8Array>(template: Template<Part>, escaped: NotebookIdentity): (Part | string)[] {
  const out: (Part | string)[] = [template.parts[0] as Part];
  for (let i = 0; i < template.slots.length; i++) out.push(escaped[template.slots[i] as keyof NotebookIdentity], template.parts[i + 1] as Part);
  return out;
}
