/**
 * Checks, before any work starts, that a file (or a folder of files) can be written where the user asked: not a folder,
 * not a device or other special file, not read-only, in a folder that exists and takes new files
 * (the atomic writer creates missing folders, then its temporary file beside the target). A command that spends minutes
 * collecting or computing finds a bad `--out` first, as a usage error, instead of failing at the end.
 */
import { constants } from "node:fs";
import type { Stats } from "node:fs";
import { access, open, rm, stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { InputError } from "../model/errors.js";

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** The entry at `path`, or undefined when nothing is there; a problem found is an InputError. */
async function statOrUndefined(path: string, flag: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") throw new InputError(`${flag} ${path}: a part of the path before the file name is a file, not a folder`);
    if (code === "EACCES") throw new InputError(`${flag} ${path}: permission denied`);
    throw error;
  }
}

/** Creates and removes an empty file in `folder`: the only sure test (access() says yes to root on a read-only mount). */
async function probeFolder(folder: string, path: string, flag: string): Promise<void> {
  const probe = join(folder, `.vpcreach-probe-${randomBytes(6).toString("hex")}`);
  try {
    const handle = await open(probe, "wx", 0o600);
    await handle.close();
  } catch (error) {
    const code = errorCode(error);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOENT") {
      throw new InputError(`${flag} ${path}: cannot create files in ${folder} (${code === "EROFS" ? "read-only file system" : "not writable"})`);
    }
    throw error;
  }
  await rm(probe, { force: true });
}

/**
 * Throws an InputError (exit 2) when `path` cannot be written as a file.
 *
 * @param path - the output file the user gave
 * @param flag - the option that named it, e.g. `--out`, for the message
 * @param example - a name of the command's kind of output (`snapshot.json`, `network.mmd`), which the
 *   message offers inside a folder given where the file goes
 * @throws InputError naming the path and what is wrong with it
 */
export async function checkOutputFile(path: string, flag: string, example: string): Promise<void> {
  if (path === "" || path.endsWith("/")) throw new InputError(`${flag} "${path}": give a file name, not a folder`);
  const target = await statOrUndefined(path, flag);
  if (target?.isDirectory()) throw new InputError(`${flag} ${path}: is a folder; give a file name (e.g. ${join(path, example)})`);
  if (target && !target.isFile()) throw new InputError(`${flag} ${path}: is not a regular file`);
  if (target) {
    try {
      await access(path, constants.W_OK);
    } catch {
      throw new InputError(`${flag} ${path}: the file is read-only`);
    }
  }
  await probeNearestFolder(dirname(path), path, flag);
}

/** Probes the nearest folder of `folder` that exists (missing folders are created by the writer). */
async function probeNearestFolder(start: string, path: string, flag: string): Promise<void> {
  let folder = start;
  let parent = await statOrUndefined(folder, flag);
  while (!parent && dirname(folder) !== folder) {
    folder = dirname(folder);
    parent = await statOrUndefined(folder, flag);
  }
  if (!parent) throw new InputError(`${flag} ${path}: no folder on the path exists`);
  if (!parent.isDirectory()) throw new InputError(`${flag} ${path}: ${folder} is a file, not a folder`);
  await probeFolder(folder, path, flag);
}

/**
 * Throws an InputError (exit 2) when `path` cannot be written as a folder of output files: a file
 * is there, or the folder (or the nearest existing one above it) takes no new files.
 *
 * @param path - the output folder the user gave
 * @param flag - the option that named it, e.g. `--out`, for the message
 * @throws InputError naming the path and what is wrong with it
 */
export async function checkOutputFolder(path: string, flag: string): Promise<void> {
  const target = await statOrUndefined(path, flag);
  if (target && !target.isDirectory()) throw new InputError(`${flag} ${path}: is a file; give a folder`);
  await probeNearestFolder(path, path, flag);
}
