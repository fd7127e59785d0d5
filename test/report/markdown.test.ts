import { describe, expect, it } from "vitest";
import { mdCode, mdMermaid, mdProse, mdTable, mdText } from "../../src/report/markdown.js";
import { markdownText } from "../../src/model/text.js";

describe("mdText", () => {
  it.each([
    ["plain words", "plain words"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["a | b", "a \\| b"],
    ["line one\nline two", "line one line two"],
    ["**bold** _it_ [link](x)", "\\*\\*bold\\*\\* \\_it\\_ \\[link\\](x)"],
    ["AT&T", "AT&amp;T"],
  ])("escapes %j", (input, expected) => {
    expect(mdText(input)).toBe(expected);
    // A text escaped before is given from what mdText kept, the same.
    expect(mdText(input)).toBe(expected);
  });

  it("escapes every text as markdownText does, past the number of texts it keeps", () => {
    const texts = Array.from({ length: 12_000 }, (_, i) => `rtb-${i} <${i % 7}> www.${i}.example: a|b`);
    for (const text of [...texts, ...texts.slice(0, 1000)]) expect(mdText(text)).toBe(markdownText(text));
  });
});

describe("mdCode", () => {
  it("wraps identifiers and neutralises backticks and pipes", () => {
    expect(mdCode("vpc-0abc")).toBe("`vpc-0abc`");
    expect(mdCode("a`b|c")).toBe("`a'b\\|c`");
  });
});

describe("mdTable", () => {
  it("writes a header, a rule and one line per row", () => {
    expect(mdTable(["A", "B"], [["1", "2"]])).toBe("| A | B |\n| --- | --- |\n| 1 | 2 |");
  });
});

describe("mdMermaid", () => {
  it("fences the source as a mermaid block", () => {
    expect(mdMermaid("flowchart LR\n  a --> b\n")).toBe("```mermaid\nflowchart LR\n  a --> b\n```");
  });
});

describe("mdProse", () => {
  it("keeps code spans as code and escapes the prose around them", () => {
    expect(mdProse("run `aws ec2 delete-route --x <id>` for <b>now</b>")).toBe(
      "run `aws ec2 delete-route --x <id>` for &lt;b&gt;now&lt;/b&gt;",
    );
  });

  it("escapes a lone backtick as prose", () => {
    expect(mdProse("it's a ` tick")).toBe("it's a \\` tick");
  });

  it("escapes pipes inside code spans so tables keep their columns", () => {
    expect(mdProse("`a|b`")).toBe("`a\\|b`");
  });
});
