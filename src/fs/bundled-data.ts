/**
 * Where the files bundled in the package's `data/` folder are (price table, intents schema, …), found
 * from this module's own location so it works from `src/` under tsx and from `dist/` alike.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The absolute path of a bundled data file.
 *
 * @param name - the file name inside `data/`, e.g. `prices.json`
 * @throws Error when no package.json is found above this module (a broken install)
 */
export function bundledDataFile(name: string): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return join(folder, "data", name);
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}
