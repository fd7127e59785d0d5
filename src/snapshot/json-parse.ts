/**
 * Parses a JSON file, turning a syntax error into an `InputError` that names the file, line and
 * column. Node 20's `JSON.parse` message gives no position, so on failure a small scanner walks the
 * text to find where it stops being JSON (only on the error path: valid files parse at native speed).
 */
import { InputError } from "../model/errors.js";

/** A syntax error position: 0-based offset and a description. */
interface SyntaxProblem {
  offset: number;
  problem: string;
}

class Scanner {
  offset = 0;
  constructor(private readonly text: string) {}

  fail(problem: string): never {
    throw Object.assign(new Error(problem), { scanProblem: { offset: this.offset, problem } satisfies SyntaxProblem });
  }

  skipSpace(): void {
    while (this.offset < this.text.length && " \t\n\r".includes(this.text[this.offset] as string)) this.offset++;
  }

  found(): string {
    return this.offset >= this.text.length ? "end of file" : JSON.stringify(this.text[this.offset]);
  }

  value(): void {
    this.skipSpace();
    const c = this.text[this.offset];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c !== undefined && /[-0-9]/.test(c)) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return;
      }
    }
    this.fail(`expected a JSON value, found ${this.found()}`);
  }

  object(): void {
    this.offset++;
    this.skipSpace();
    if (this.text[this.offset] === "}") {
      this.offset++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.offset] !== '"') this.fail(`expected a property name in double quotes, found ${this.found()}`);
      this.string();
      this.skipSpace();
      if (this.text[this.offset] !== ":") this.fail(`expected ":" after a property name, found ${this.found()}`);
      this.offset++;
      this.value();
      this.skipSpace();
      const c = this.text[this.offset];
      this.offset++;
      if (c === "}") return;
      if (c !== ",") {
        this.offset--;
        this.fail(`expected "," or "}" after a property value, found ${this.found()}`);
      }
    }
  }

  array(): void {
    this.offset++;
    this.skipSpace();
    if (this.text[this.offset] === "]") {
      this.offset++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.text[this.offset];
      this.offset++;
      if (c === "]") return;
      if (c !== ",") {
        this.offset--;
        this.fail(`expected "," or "]" after an array element, found ${this.found()}`);
      }
    }
  }

  string(): void {
    this.offset++;
    while (this.offset < this.text.length) {
      const c = this.text[this.offset] as string;
      if (c === '"') {
        this.offset++;
        return;
      }
      if (c === "\\") this.offset++;
      else if (c < " ") this.fail("unescaped control character in a string");
      this.offset++;
    }
    this.fail("unterminated string");
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    if (!match || match[0] === "-") this.fail(`invalid number`);
    this.offset += match[0].length;
  }
}

/** Finds the first syntax problem in text that `JSON.parse` rejected. */
function locateProblem(text: string): SyntaxProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.skipSpace();
    if (scanner.offset < text.length) scanner.fail(`unexpected ${scanner.found()} after the JSON value`);
  } catch (error) {
    return (error as { scanProblem?: SyntaxProblem }).scanProblem;
  }
  return undefined;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text read from a file.
 *
 * @param text - the file's content (a leading byte-order mark is ignored)
 * @param file - the file name, for the error message
 * @returns the parsed value
 * @throws InputError `file: line L, column C: invalid JSON: <problem>`
 */
export function parseJsonFile(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    if (body.trim() === "") throw new InputError("invalid JSON: the file is empty", { file });
    const located = locateProblem(body);
    if (!located) throw new InputError(`invalid JSON: ${(error as Error).message}`, { file });
    const { line, column } = lineAndColumn(body, located.offset);
    throw new InputError(`invalid JSON: ${located.problem}`, { file, jsonPath: `line ${line}, column ${column}` });
  }
}
