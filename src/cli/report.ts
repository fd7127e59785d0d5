/** `vpcreach report` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerReport(program: Command): void {
  program.command("report").description("(not yet available)");
}
