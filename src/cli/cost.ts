/** `vpcreach cost` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerCost(program: Command): void {
  program.command("cost").description("(not yet available)");
}
