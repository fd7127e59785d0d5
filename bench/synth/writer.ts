/**
 * Streams a synthetic estate to disk without holding it in memory: per account + Region, one open
 * file per describe-* key, to which each VPC's resources are appended as they are generated, in the
 * AWS CLI's four-space-indented layout. The whole estate is written into a temporary sibling folder
 * that is renamed into place at the end, so a crash or Ctrl-C never leaves a half-written estate
 * where a benchmark would read it (the same guarantee `writeFileAtomic` gives single files).
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { DOCUMENT_FILES, DOCUMENT_KEYS, type DocumentKey, type SingleFile } from "../aws/builder.js";
import type { Json } from "../aws/shapes.js";

/** Indents every line of `text` by `spaces` spaces. */
function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return pad + text.replaceAll("\n", `\n${pad}`);
}

/** One Region folder being written: an open file per describe-* key. */
export class RegionStream {
  private readonly fds = new Map<DocumentKey, number>();
  private readonly written = new Map<DocumentKey, number>();
  private readonly folders = new Set<string>();
  bytes = 0;

  /**
   * @param folder - the Region folder (created)
   */
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    for (const key of DOCUMENT_KEYS) {
      const fd = openSync(join(folder, DOCUMENT_FILES[key]), "w");
      this.fds.set(key, fd);
      this.written.set(key, 0);
      this.write(fd, `{\n    "${key}": [`);
    }
  }

  private write(fd: number, text: string): void {
    const buffer = Buffer.from(text, "utf8");
    writeSync(fd, buffer);
    this.bytes += buffer.length;
  }

  /**
   * Appends items and writes single-document files.
   *
   * @param items - describe-* list elements by key
   * @param files - whole-document files, paths relative to the Region folder
   */
  append(items: Record<DocumentKey, Json[]>, files: SingleFile[]): void {
    for (const key of DOCUMENT_KEYS) {
      const list = items[key];
      if (list.length === 0) continue;
      const fd = this.fds.get(key)!;
      const before = this.written.get(key)!;
      const parts = list.map((item, i) => `${before + i === 0 ? "\n" : ",\n"}${indent(JSON.stringify(item, null, 4), 8)}`);
      this.write(fd, parts.join(""));
      this.written.set(key, before + list.length);
    }
    for (const file of files) {
      const path = join(this.folder, file.path);
      const parent = dirname(path);
      if (!this.folders.has(parent)) {
        mkdirSync(parent, { recursive: true });
        this.folders.add(parent);
      }
      const fd = openSync(path, "w");
      try {
        this.write(fd, `${JSON.stringify(file.body, null, 4)}\n`);
      } finally {
        closeSync(fd);
      }
    }
  }

  /** Closes every list and file. */
  close(): void {
    for (const [key, fd] of this.fds) {
      this.write(fd, this.written.get(key)! > 0 ? "\n    ]\n}\n" : "]\n}\n");
      closeSync(fd);
    }
    this.fds.clear();
  }
}

/**
 * A temporary folder beside `target`, to build an estate in before `commitFolder` moves it into place.
 *
 * @param target - the final folder
 */
export function stagingFolder(target: string): string {
  return join(dirname(target), `.vpcreach-tmp-${randomBytes(6).toString("hex")}`);
}

/**
 * Moves a finished staging folder to `target`, replacing an existing one only when `replace` is set.
 *
 * @param staging - the finished folder
 * @param target - where it goes
 * @param replace - allow replacing an existing `target`
 */
export async function commitFolder(staging: string, target: string, replace: boolean): Promise<void> {
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists && !replace) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`${target} already exists (use --force to replace it)`);
  }
  if (exists) {
    const old = `${staging}-old`;
    await rename(target, old);
    await rename(staging, target);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(staging, target);
  }
}
