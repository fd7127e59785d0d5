/**
 * "Did you mean …?" for names the user typed: the one edit-distance helper every command uses to
 * suggest close sources, destinations, services and traffic keys in its error message.
 */

/**
 * The Damerau–Levenshtein distance (optimal string alignment) between two strings: insertions,
 * deletions, substitutions and swaps of two adjacent characters each cost 1, so `reserch` is 1 from
 * `research` and `s4` is 1 from `s3`.
 *
 * @param a - one string
 * @param b - the other
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** True when `short` is an abbreviation of `long`: same first letter, then its letters in order (`inet` → `internet`). */
function abbreviates(short: string, long: string): boolean {
  if (short[0] !== long[0]) return false;
  let at = 0;
  for (const letter of short) {
    at = long.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * The candidates close to what the user typed, closest first: within a third of the typed length
 * (at least 1, at most 3 edits); when none is, those that contain it or abbreviate to it
 * (`inet` → `internet`), for texts of 3 characters or more. Case is ignored.
 *
 * @param typed - the user's text
 * @param candidates - the names that exist
 * @param limit - how many to return at most (default 3)
 */
export function closeNames(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = typed.trim().toLowerCase();
  if (wanted === "") return [];
  const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  const scored: { name: string; score: number; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    const contains = wanted.length >= 3 && (lower.includes(wanted) || abbreviates(wanted, lower));
    // Near misses by a few edits come first, and alone: names that merely contain the letters are a fallback.
    if (distance <= allowed) scored.push({ name, score: distance, distance });
    else if (contains) scored.push({ name, score: allowed + 0.5, distance });
  }
  scored.sort((x, y) => x.score - y.score || x.distance - y.distance || x.name.localeCompare(y.name));
  const nearMisses = scored.filter((s) => s.score <= allowed);
  return (nearMisses.length > 0 ? nearMisses : scored).slice(0, limit).map((s) => s.name);
}

/**
 * The suffix an error message ends with: ` (did you mean "a" or "b"?)`, or "" when nothing is close.
 *
 * @param typed - the user's text
 * @param candidates - the names that exist
 * @param show - how to print a close name (default: as it is), e.g. with a `service:` prefix
 */
export function didYouMean(typed: string, candidates: Iterable<string>, show: (name: string) => string = (name) => name): string {
  const close = closeNames(typed, candidates).map((name) => `"${show(name)}"`);
  if (close.length === 0) return "";
  const list = close.length === 1 ? close[0] : `${close.slice(0, -1).join(", ")} or ${close[close.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
