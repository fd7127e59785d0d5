/**
 * Loads the user's input — a snapshot file written by `vpcreach collect`, a folder of AWS CLI
 * `describe-*` outputs, a single describe-* file or Terraform plan, or several of these — into one
 * validated `Model`: from the snapshot cache when it holds these exact inputs (cache.ts), else read
 * and validated by read.ts, which is imported only then. Bad input throws `InputError` naming the
 * file, JSON path and resource id.
 */
import type { Model } from "../model/types.js";
import { cachedModel } from "./cache.js";

/**
 * Loads a snapshot file, a folder of describe-* JSON, or one describe-* file into a validated model.
 *
 * @param path - the `--snapshot` argument
 * @returns the model
 * @throws InputError naming the file, JSON path and resource id of bad input
 */
export async function loadModel(path: string): Promise<Model> {
  return loadModels([path]);
}

/**
 * Loads and merges several inputs into one model: the one function to call wherever inputs are
 * combined (several accounts collected apart, a Terraform plan overlaid on a snapshot, …). Records
 * with the same id are merged (see builder.ts): identical copies silently, copies that complement
 * each other field by field, copies that disagree with a warning naming both files and a doubt on
 * the resource, so the engine answers `unknown` where it matters.
 *
 * @param paths - the inputs, in order (one path loads as `loadModel`)
 * @returns the model
 * @throws InputError naming the file, JSON path and resource id of bad input
 */
export async function loadModels(paths: readonly string[]): Promise<Model> {
  return cachedModel(paths, async (observers) => {
    const { readModel } = await import("./read.js");
    return readModel(paths, observers);
  });
}
