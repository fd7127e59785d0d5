/**
 * The report folder as vpcreach owns it: one `report` run at a time (a lock file naming the writer's
 * process), the new report written into a fresh staging folder and swapped in only when complete, and
 * a manifest (`.vpcreach-report.json`) listing what the report wrote, so a rerun removes exactly the
 * earlier report's files — never the user's other files in the same folder.
 */
import { mkdir, mkdtemp, open, readFile, readdir, rename, rm, rmdir, unlink } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { writeFileAtomic, type PiecesLater } from "../fs/atomic-write.js";
import { InputError } from "../model/errors.js";

/** Lists the files the last report wrote, relative to the folder. */
export const MANIFEST = ".vpcreach-report.json";
const LOCK = ".vpcreach-report.lock";
const STAGING_PREFIX = ".vpcreach-staging-";

/** Whether a process with this id is running (a lock whose writer died is stale). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Creates the lock file, or says which live process holds it; takes over a dead writer's lock. */
async function acquireLock(folder: string): Promise<() => Promise<void>> {
  const path = join(folder, LOCK);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new InputError(
        `another vpcreach report (process ${holder}) is writing into this folder; wait for it to finish or choose another --out`,
        { file: folder },
      );
    }
    await unlink(path).catch(() => undefined);
  }
  throw new InputError(`cannot take the report lock ${LOCK}: another run keeps recreating it`, { file: folder });
}

/** A relative path that stays inside the folder (manifests are data: never trust them with `..`). */
function isInside(relative: string): boolean {
  if (!relative || isAbsolute(relative)) return false;
  const normal = normalize(relative);
  return normal !== ".." && !normal.startsWith(`..${sep}`) && !normal.startsWith("../");
}

/** The files the earlier report wrote, from its manifest; none when there is no (readable) manifest. */
async function earlierFiles(folder: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST), "utf8");
  } catch {
    return [];
  }
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    return Array.isArray(parsed.files) ? parsed.files.filter((file): file is string => typeof file === "string" && isInside(file)) : [];
  } catch {
    return [];
  }
}

/** Removes staging folders a killed run left behind (only ours, by their name). */
async function removeLeftStaging(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (name.startsWith(STAGING_PREFIX)) await rm(join(folder, name), { recursive: true, force: true });
  }
}

/** Removes the folders of the removed files that are now empty (never the report folder itself). */
async function removeEmptyParents(folder: string, files: readonly string[]): Promise<void> {
  const parents = [...new Set(files.map((file) => dirname(file)).filter((parent) => parent !== "."))].sort((a, b) => b.length - a.length);
  for (const parent of parents) await rmdir(join(folder, parent)).catch(() => undefined);
}

/** Removes the earlier report's files that the new one does not replace, moves the new ones in, records them. */
async function swapIn(folder: string, staging: string, files: readonly string[]): Promise<void> {
  const kept = new Set(files);
  const stale = (await earlierFiles(folder)).filter((file) => !kept.has(file));
  for (const file of stale) await rm(join(folder, file), { force: true });
  await removeEmptyParents(folder, stale);
  for (const file of files) {
    await mkdir(dirname(join(folder, file)), { recursive: true });
    await rename(join(staging, file), join(folder, file));
  }
  await writeFileAtomic(join(folder, MANIFEST), `${JSON.stringify({ writtenBy: "vpcreach report", files }, null, 2)}\n`);
}

/** Writes one file of the report, by its path relative to the report folder. */
export type StageWriter = (relativePath: string, content: string | Uint8Array | Iterable<string | Uint8Array> | PiecesLater) => Promise<void>;

/**
 * Writes a report into `folder` as one unit: holds the folder's lock, lets `produce` write every file
 * into a fresh staging folder, then removes the earlier report's files (by its manifest), moves the
 * new ones in and records them in the manifest. Files the user keeps beside the report are untouched.
 *
 * @param folder - the report folder (created if missing)
 * @param produce - writes the report's files through the given writer; may also return paths it wrote
 *   directly into the staging folder (given as the second argument), relative to it
 * @returns the paths of the files now in the folder, relative to it
 * @throws InputError when another live `report` run holds the folder
 */
export async function replaceReport(
  folder: string,
  produce: (write: StageWriter, staging: string) => Promise<readonly string[] | void>,
): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const release = await acquireLock(folder);
  try {
    await removeLeftStaging(folder);
    const staging = await mkdtemp(join(folder, STAGING_PREFIX));
    try {
      const written = new Set<string>();
      const write: StageWriter = async (relativePath, content) => {
        await writeFileAtomic(join(staging, relativePath), content);
        written.add(relativePath);
      };
      for (const extra of (await produce(write, staging)) ?? []) written.add(extra);
      const files = [...written].sort();
      await swapIn(folder, staging, files);
      return files;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
}
