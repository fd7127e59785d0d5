/** The tool's version, read once from the package.json above this module (in src/ or dist/src/). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageJson(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const candidate = join(folder, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}

const packageJson = JSON.parse(
  readFileSync(findPackageJson(dirname(fileURLToPath(import.meta.url))), "utf8"),
) as { version: string };

export const TOOL_VERSION: string = packageJson.version;
