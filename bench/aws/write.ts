/**
 * Writes what a `RegionBuilder` built as a folder of AWS CLI outputs: one `describe-*.json` per
 * top-level key (always all of them, empty lists included, so readers know the data was collected),
 * plus the single-document files (describe-vpc-attribute, describe-notebook-instance). JSON is
 * indented by four spaces, as the AWS CLI prints it. Every file goes through `writeFileAtomic`.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../../src/fs/atomic-write.js";
import { DOCUMENT_FILES, DOCUMENT_KEYS, type RegionBuilder } from "./builder.js";

/**
 * Writes a builder's documents under `folder` (normally `<fixture>/<region>`).
 *
 * @param folder - the Region folder to write into
 * @param builder - what to write (drained)
 */
export async function writeRegionFolder(folder: string, builder: RegionBuilder): Promise<void> {
  const { items, files } = builder.drain();
  for (const key of DOCUMENT_KEYS) {
    await writeFileAtomic(join(folder, DOCUMENT_FILES[key]), `${JSON.stringify({ [key]: items[key] }, null, 4)}\n`);
  }
  for (const file of files) {
    await writeFileAtomic(join(folder, file.path), `${JSON.stringify(file.body, null, 4)}\n`);
  }
}
