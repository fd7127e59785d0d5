/** `vpcreach query` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerQuery(program: Command): void {
  program.command("query").description("(not yet available)");
}
