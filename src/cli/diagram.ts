/** `vpcreach diagram` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerDiagram(program: Command): void {
  program.command("diagram").description("(not yet available)");
}
