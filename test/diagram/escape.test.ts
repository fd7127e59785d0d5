import { describe, expect, it } from "vitest";
import { escapeLabelText, IdAllocator, label, sanitizeId, shorten, wrapText, MAX_LABEL_TEXT } from "../../src/diagram/escape.js";
import { HOSTILE_NAMES } from "./networks.js";

describe("escapeLabelText", () => {
  it("turns < > & into the Mermaid entity codes that decode to text", () => {
    expect(escapeLabelText("<script>a&b</script>")).toBe("#lt;script#gt;a#amp;b#lt;/script#gt;");
  });

  it("never leaves a double quote or backtick that would end the quoted label or start a Markdown string", () => {
    expect(escapeLabelText('say "hi" `x`')).toBe("say 'hi' 'x'");
  });

  it("breaks %% so no directive or comment can start inside a label", () => {
    const out = escapeLabelText("a%%{init: {}}%%b");
    expect(out).not.toContain("%%");
  });

  it("breaks user text that looks like a Mermaid entity code (#name;) so it is shown, not decoded", () => {
    expect(escapeLabelText("#35; and #quot;")).toBe("# 35; and # quot;");
  });

  it("flattens newlines, tabs, control and bidi-override characters into single spaces", () => {
    expect(escapeLabelText("a\r\nb\tc\u202Ed\u0000e")).toBe("a b c d e");
  });

  it("removes mermaid's internal entity markers from user text", () => {
    expect(escapeLabelText("ﬂ°lt¶ß")).not.toMatch(/ﬂ°|¶ß/);
  });

  it("shortens long text with an ellipsis", () => {
    const out = escapeLabelText("x".repeat(500));
    expect(Array.from(out)).toHaveLength(MAX_LABEL_TEXT);
    expect(out.endsWith("…")).toBe(true);
    expect(shorten("abc", 10)).toBe("abc");
  });

  it("leaves Mermaid keywords alone (they are harmless inside a quoted label)", () => {
    expect(escapeLabelText("end subgraph click style classDef")).toBe("end subgraph click style classDef");
  });

  it("keeps letters of any script", () => {
    expect(escapeLabelText("Straße é 日本")).toBe("Straße é 日本");
  });

  it("produces, for every hostile name, text with no quote, no raw < or >, no newline and no %%", () => {
    for (const name of HOSTILE_NAMES) {
      const out = escapeLabelText(name);
      expect(out).not.toMatch(/["`<>\n\r]|%%/);
    }
  });

  it("joins label lines with <br> and drops empty ones", () => {
    expect(label(["NAT gateway", undefined, "", "<x>"])).toBe("NAT gateway<br>#lt;x#gt;");
  });
});

describe("escaping remembered across diagrams", () => {
  it("gives the same text asked again, and tells the same text shortened to other lengths apart", () => {
    const long = "a-very-long-subnet-name-that-is-cut-short-in-every-label-of-the-diagram-&-more";
    const short = escapeLabelText(long, 20);
    const wide = escapeLabelText(long);
    expect(short).toBe("a-very-long-subnet-…");
    expect(wide).toBe(`${long.slice(0, MAX_LABEL_TEXT - 1)}…`.replace(/&/g, "#amp;"));
    expect(escapeLabelText(long, 20)).toBe(short);
    expect(escapeLabelText(long)).toBe(wide);
    expect(sanitizeId("subnet-0abc")).toBe(sanitizeId("subnet-0abc"));
  });
});

describe("wrapText", () => {
  it("breaks at spaces within the width and cuts words longer than a line", () => {
    expect(wrapText("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrapText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("keeps at most maxLines lines, marking the cut with …", () => {
    const lines = wrapText("one two three four five six", 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith("…")).toBe(true);
  });
});

describe("sanitizeId", () => {
  it("keeps AWS ids readable: subnet-0abc → subnet_0abc", () => {
    expect(sanitizeId("subnet-0abc")).toBe("subnet_0abc");
    expect(sanitizeId("vpce-0123")).toBe("vpce_0123");
  });

  it("prefixes ids that could be a Mermaid keyword or read as part of an arrow", () => {
    expect(sanitizeId("end")).toBe("n_end");
    expect(sanitizeId("subgraph")).toBe("n_subgraph");
    expect(sanitizeId("o-thing")).toBe("n_o_thing");
    expect(sanitizeId("x_y")).toBe("n_x_y");
    expect(sanitizeId("9lives")).toBe("n_9lives");
  });

  it("reduces any text to letters, digits and underscores", () => {
    for (const name of HOSTILE_NAMES) expect(sanitizeId(name)).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});

describe("IdAllocator", () => {
  it("gives the same key the same id and distinct keys distinct ids", () => {
    const ids = new IdAllocator();
    const a = ids.idFor("nb-a-b");
    const b = ids.idFor("nb-a_b");
    expect(a).toBe("nb_a_b");
    expect(b).toBe("nb_a_b_2");
    expect(ids.idFor("nb-a-b")).toBe(a);
    expect(ids.peek("nb-a_b")).toBe(b);
  });

  it("continues from a base allocator without changing it", () => {
    const base = new IdAllocator();
    base.idFor("nb-a-b");
    const fork = new IdAllocator(base);
    expect(fork.idFor("nb-a-b")).toBe("nb_a_b");
    expect(fork.idFor("nb-a_b")).toBe("nb_a_b_2");
    expect(base.peek("nb-a_b")).toBeUndefined();
    expect(base.idFor("nb-a.b")).toBe("nb_a_b_2");
  });
});
