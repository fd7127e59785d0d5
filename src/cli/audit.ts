/** `vpcreach audit` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerAudit(program: Command): void {
  program.command("audit").description("(not yet available)");
}
