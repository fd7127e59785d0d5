/** `vpcreach inspect` — placeholder until its issue lands; replaced by the real command. */
import type { Command } from "commander";

export function registerInspect(program: Command): void {
  program.command("inspect").description("(not yet available)");
}
