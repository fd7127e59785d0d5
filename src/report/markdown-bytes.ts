/**
 * The README's Markdown joined from its sections, and its UTF-8 length measured without joining it:
 * whether a report fits GitHub's budget is decided by reading lines only until the budget is passed.
 */

/**
 * Sections joined as the README holds them: each section's lines, trailing blanks trimmed, blank
 * sections left out, a blank line between two, one final line break.
 *
 * @param sections - each section's lines
 */
export function joinSections(sections: readonly (readonly string[])[]): string {
  return `${sections.map((lines) => lines.join("\n").trimEnd()).filter(Boolean).join("\n\n")}\n`;
}

/**
 * The UTF-8 length of `joinSections(sections)`, reading each section's lines once instead of joining
 * them, and only until it passes `limit`: past it the README is capped, which the length no longer
 * changes, and a large estate's proofs would be hundreds of megabytes rendered only to be measured.
 *
 * @param sections - the sections' lines, as `joinSections` takes them
 * @param limit - the length past which reading stops (default: none)
 * @returns the length, or, when it passes `limit`, a length past `limit` (the rest unread)
 */
export function joinedBytes(sections: Iterable<Iterable<string>>, limit = Number.POSITIVE_INFINITY): number {
  let bytes = JOINED_EMPTY;
  for (const section of sections) {
    bytes = plusSection(bytes, section, limit);
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/**
 * The UTF-8 length of `joinSections` with one more section, read only until the total passes `limit`.
 *
 * @param joined - the length so far (a `joinedBytes` result)
 * @param lines - the section's lines
 * @param limit - the length past which reading stops (default: none)
 * @returns the new length, or, when it passes `limit`, a length past `limit`
 */
export function plusSection(joined: number, lines: Iterable<string>, limit = Number.POSITIVE_INFINITY): number {
  return withSection(joined, sectionBytes(lines, roomFor(joined, limit)));
}

/** `joinSections` of no section: the final line break. */
const JOINED_EMPTY = 1;
/** The blank line between two sections. */
const SECTION_BREAK = 2;

/**
 * The UTF-8 length of `joinSections` with one more section of this length (`sectionBytes`): a blank
 * section is left out, any other follows a blank line unless it is the first.
 *
 * @param joined - the length so far (`JOINED_EMPTY` for none)
 * @param section - the section's length
 */
function withSection(joined: number, section: number): number {
  if (section === 0) return joined;
  return joined + section + (joined > JOINED_EMPTY ? SECTION_BREAK : 0);
}

/** The longest section that `withSection` adds to a length of `joined` without passing `limit`. */
function roomFor(joined: number, limit: number): number {
  return limit - joined - (joined > JOINED_EMPTY ? SECTION_BREAK : 0);
}

/**
 * The UTF-8 length of one section as `joinSections` writes it (trailing blanks trimmed), 0 when it is
 * blank and left out; once it passes `limit`, a length past it, the rest of the lines unread.
 */
function sectionBytes(lines: Iterable<string>, limit = Number.POSITIVE_INFINITY): number {
  // The section's bytes before the current line, and up to the end of its last line that is not blank (what trimEnd leaves).
  let before = 0;
  let trimmed = 0;
  for (const line of lines) {
    const bytes = Buffer.byteLength(line);
    // Most lines end in no blank: their trimmed length is their length, counted once.
    const end = line.trimEnd();
    if (end !== "") {
      trimmed = before + (end.length === line.length ? bytes : Buffer.byteLength(end));
      // What is trimmed only grows: past the limit it stays past it.
      if (trimmed > limit) return trimmed;
    }
    before += bytes + 1;
  }
  return trimmed;
}
