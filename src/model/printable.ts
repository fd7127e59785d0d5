/**
 * Names, tags and descriptions come from the AWS account, so they may hold terminal control
 * sequences (an ANSI escape that clears the screen, a carriage return that hides a line, a bidi
 * override that reorders text). Every human-facing text output passes its data through this one
 * helper, which shows such characters escaped (`\u001b`) instead of sending them to the terminal.
 * JSON output needs nothing: JSON.stringify already escapes control characters.
 */

/** C0 and C1 control characters (tab and newline included: inside a name they forge lines), DEL, and the Unicode bidi controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every control character shown as a `\uXXXX` escape.
 *
 * @param text - account-supplied text, e.g. a Name tag
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A copy of a JSON-like value (plain objects, arrays, strings, numbers, …) with `printable` applied to
 * every string in it, keys included; other objects (class instances) are kept as they are.
 *
 * @param value - e.g. a verdict, an audit row or an inspect summary, before it is rendered as text
 */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => printableDeep(item)) as T;
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[printable(key)] = printableDeep(item);
  return copy as T;
}
