/** The bundled example networks under fixtures/: every folder there except those holding other inputs. */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const FIXTURES = resolve(import.meta.dirname, "../../fixtures");

/**
 * Folders of fixtures/ that hold inputs other than a network: intents files for `vpcreach check`, and
 * identity data to give beside a network (`--snapshot fixtures/ml-platform --snapshot fixtures/identity/ml-platform`).
 */
const NOT_NETWORKS = new Set(["intents", "identity"]);

/** The names of the network fixtures, sorted. */
export function networkFixtures(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => !NOT_NETWORKS.has(name) && statSync(join(FIXTURES, name)).isDirectory())
    .sort();
}
