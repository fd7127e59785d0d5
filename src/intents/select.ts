/**
 * Source selectors of the intents file: which notebooks and instances an intent is about. A selector
 * is a kind (`notebooks`, `instances`, `all`), a name or glob, `notebook/NAME`, an id (`i-…`, `eni-…`),
 * `tag:KEY=VALUE`, `subnet-…`, `vpc-…`, `account:ID` or `region:NAME`; `A & B` is their intersection,
 * a list is their union, and `except` takes sources out.
 */
import { InputError } from "../model/errors.js";
import type { Model, Scope } from "../model/types.js";

/** What a selector can look at for one source. */
export interface SourceFacts {
  /** The id a query takes (`notebook/NAME`, `i-…`). */
  query: string;
  /** How outputs name it: the notebook name or the instance id. */
  id: string;
  kind: "notebook" | "instance";
  name: string | undefined;
  tags: Record<string, string>;
  subnetId: string | undefined;
  vpcId: string | undefined;
  networkInterfaceIds: string[];
  scope: Scope;
}

/** Every source an intent can select: notebooks, then instances that are not terminated. */
export function allSources(model: Model): SourceFacts[] {
  const vpcOf = (subnetId: string | undefined) => (subnetId ? model.subnets.get(subnetId)?.vpcId : undefined);
  const notebooks = [...model.notebooks.values()].map(
    (notebook): SourceFacts => ({
      query: `notebook/${notebook.id}`,
      id: notebook.id,
      kind: "notebook",
      name: notebook.id,
      tags: notebook.tags,
      subnetId: notebook.subnetId,
      vpcId: vpcOf(notebook.subnetId),
      networkInterfaceIds: notebook.networkInterfaceId ? [notebook.networkInterfaceId] : [],
      scope: notebook.scope,
    }),
  );
  const instances = [...model.instances.values()]
    .filter((instance) => instance.state !== "terminated" && instance.state !== "shutting-down")
    .map(
      (instance): SourceFacts => ({
        query: instance.id,
        id: instance.id,
        kind: "instance",
        name: instance.name,
        tags: instance.tags,
        subnetId: instance.subnetId,
        vpcId: instance.vpcId ?? vpcOf(instance.subnetId),
        networkInterfaceIds: instance.networkInterfaceIds,
        scope: instance.scope,
      }),
    );
  const byId = (a: SourceFacts, b: SourceFacts) => a.id.localeCompare(b.id);
  return [...notebooks.sort(byId), ...instances.sort(byId)];
}

/**
 * A glob (`*` any run, `?` one character) as a whole-string test.
 *
 * @param glob - the pattern
 */
export function globMatcher(glob: string): (text: string) => boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  const regex = new RegExp(`^${pattern}$`);
  return (text) => regex.test(text);
}

type Test = (source: SourceFacts) => boolean;

/** The prefixed selectors: `tag:`, `account:`, `region:`, `notebook/`. */
function prefixedTest(selector: string): Test | undefined {
  if (selector.startsWith("tag:")) {
    const body = selector.slice(4);
    const eq = body.indexOf("=");
    if (eq <= 0) throw new InputError(`selector "${selector}": a tag selector is tag:KEY=VALUE (VALUE may be a glob)`);
    const key = body.slice(0, eq);
    const value = globMatcher(body.slice(eq + 1));
    return (source) => source.tags[key] !== undefined && value(source.tags[key]!);
  }
  if (selector.startsWith("account:")) return (source) => source.scope.account === selector.slice(8);
  if (selector.startsWith("region:")) return (source) => source.scope.region === selector.slice(7);
  if (selector.startsWith("notebook/")) {
    const name = globMatcher(selector.slice(9));
    return (source) => source.kind === "notebook" && name(source.id);
  }
  return undefined;
}

/**
 * The test for one selector; `A & B` selects the sources both select (`notebooks & vpc-0abc`).
 *
 * @param selector - one `from`/`except` entry
 */
export function selectorTest(selector: string): Test {
  const parts = selector.split("&").map((part) => part.trim());
  if (parts.length > 1) {
    if (parts.some((part) => part === "")) throw new InputError(`selector "${selector}": "&" needs a selector on each side`);
    const tests = parts.map(singleSelectorTest);
    return (source) => tests.every((test) => test(source));
  }
  return singleSelectorTest(selector);
}

/** The test for a selector without `&`. */
function singleSelectorTest(selector: string): Test {
  if (selector === "all") return () => true;
  if (selector === "notebooks") return (source) => source.kind === "notebook";
  if (selector === "instances") return (source) => source.kind === "instance";
  const prefixed = prefixedTest(selector);
  if (prefixed) return prefixed;
  if (/^subnet-[0-9a-f]+$/.test(selector)) return (source) => source.subnetId === selector;
  if (/^vpc-[0-9a-f]+$/.test(selector)) return (source) => source.vpcId === selector;
  if (/^eni-[0-9a-f]+$/.test(selector)) return (source) => source.networkInterfaceIds.includes(selector);
  const name = globMatcher(selector);
  return (source) => name(source.id) || (source.name !== undefined && name(source.name));
}

/**
 * The sources an intent selects, in `allSources` order.
 *
 * @param sources - every source of the model (`allSources`)
 * @param from - selectors whose union is taken
 * @param except - selectors whose matches are left out
 */
export function selectSources(sources: readonly SourceFacts[], from: readonly string[], except: readonly string[]): SourceFacts[] {
  const include = from.map(selectorTest);
  const exclude = except.map(selectorTest);
  return sources.filter((source) => include.some((test) => test(source)) && !exclude.some((test) => test(source)));
}

/**
 * The parts of a selector that make it match no source of the snapshot: each `&` part that matches
 * none (a typo, usually), else the whole selector when its parts match only apart; none when the
 * selector matches a source.
 *
 * @param sources - every source of the model (`allSources`)
 * @param selector - one `from`/`except` entry
 */
export function deadParts(sources: readonly SourceFacts[], selector: string): string[] {
  const matchesNone = (s: string) => !sources.some(selectorTest(s));
  if (!matchesNone(selector)) return [];
  const parts = selector.split("&").map((part) => part.trim()).filter(matchesNone);
  return parts.length > 0 ? parts : [selector];
}

/**
 * Why an intent selects no source, named by its selectors: what makes each `from` selector match
 * nothing (`deadParts`); else, when every `from` selector matches, the `except` selectors, which
 * then leave none.
 *
 * @param sources - every source of the model (`allSources`)
 * @param from - the intent's `from` selectors
 * @param except - its `except` selectors
 */
export function unmatchedSelectors(sources: readonly SourceFacts[], from: readonly string[], except: readonly string[]): string[] {
  const dead = [...new Set(from.flatMap((selector) => deadParts(sources, selector)))];
  return dead.length > 0 ? dead : except.map((selector) => `except: ${selector}`);
}
