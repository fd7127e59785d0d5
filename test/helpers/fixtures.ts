/** The bundled example networks under fixtures/: every folder there except those holding other inputs. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const FIXTURES = resolve(import.meta.dirname, "../../fixtures");

/**
 * Folders of fixtures/ that hold inputs other than a network: intents files for `vpcreach check`,
 * identity data to give beside a network (`--snapshot fixtures/ml-platform --snapshot fixtures/identity/ml-platform`),
 * and Terraform plans of the ml-platform network (`terraform/`, generated beside its describe-* twin).
 */
const NOT_NETWORKS = new Set(["intents", "identity", "terraform"]);

/**
 * Fixtures whose inputs contradict each other on purpose (`odd-data`: two copies of one route table
 * that differ, one network interface claimed by two instances, a notebook's interface missing). A
 * collection of one account and Region holds one copy of each resource, and the reference evaluator
 * reads one consistent network, so the collect round trip and the reference comparison leave them
 * out; fixtures/expected-verdicts.json checks their verdicts.
 */
export const INCONSISTENT_FIXTURES: ReadonlySet<string> = new Set(["odd-data"]);

/** The names of the network fixtures, sorted. */
export function networkFixtures(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => !NOT_NETWORKS.has(name) && statSync(join(FIXTURES, name)).isDirectory())
    .sort();
}

/** An edit of one parsed JSON file, in place. */
export type JsonEdit = (json: Record<string, unknown>) => void;

/**
 * A temporary copy of a folder (a fixture) with some of its JSON files edited.
 *
 * @param folder - the folder to copy
 * @param edits - each file (relative to the folder) and its edit, applied in order
 */
export function editedCopy(folder: string, edits: readonly (readonly [string, JsonEdit])[]): string {
  const dir = mkdtempSync(join(tmpdir(), "vpcreach-edited-"));
  cpSync(folder, dir, { recursive: true });
  for (const [file, edit] of edits) {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    edit(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  }
  return dir;
}
