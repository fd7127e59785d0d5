/** `vpcreach collect` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerCollect(program: Command): void {
  program.command("collect").description("(not yet available)");
}
