/**
 * The loopback AWS stand-in serving a synthetic estate, in its own process (so the collector's memory
 * is measured alone): `node dist/bench/collect/standin.js <estate-dir> <latency-ms>`. Every
 * `<account>/<region>/` folder of the estate becomes that account's Region, reachable through an
 * assumed role (test/collect/wire-server.ts). Prints `READY <url> <account,…>` once listening; on a
 * `stats` line on stdin prints one JSON line (requests, per service, repeated requests), on `reset`
 * forgets the requests so far (answering `ok`), and on stdin's end exits.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { readWireNetwork, type WireNetwork } from "../../test/collect/wire-network.js";
import { startWireServer, type WireAccount } from "../../test/collect/wire-server.js";

const [dir, latency] = process.argv.slice(2);
if (!dir) throw new Error("usage: standin.js <estate-dir> [latency-ms]");

function folders(path: string): string[] {
  return readdirSync(path).filter((name) => statSync(join(path, name)).isDirectory());
}

const accounts: Record<string, WireAccount> = {};
for (const account of folders(dir).filter((name) => /^\d{12}$/.test(name))) {
  const networks: Record<string, WireNetwork> = {};
  for (const region of folders(join(dir, account))) networks[region] = readWireNetwork(join(dir, account, region));
  accounts[account] = { networks };
}

const server = await startWireServer({ networks: {}, accounts, latencyMs: Number(latency ?? 0) });
process.stdout.write(`READY ${server.url} ${Object.keys(accounts).sort().join(",")}\n`);

let cpuBaseline = process.cpuUsage();

/** Requests since the last reset, per service; those sent more than once (same account, Region, operation and parameters); the stand-in's own CPU time. */
function stats(): string {
  const seen = new Map<string, number>();
  const services: Record<string, number> = {};
  for (const request of server.requests) {
    const key = JSON.stringify([request.account, request.region, request.service, request.action, request.params]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    services[request.service] = (services[request.service] ?? 0) + 1;
  }
  const repeated = [...seen.values()].filter((count) => count > 1).length;
  const cpu = process.cpuUsage(cpuBaseline);
  return JSON.stringify({ requests: server.requests.length, services, repeated, cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.trim() === "stats") process.stdout.write(`${stats()}\n`);
  if (line.trim() === "reset") {
    server.requests.length = 0;
    cpuBaseline = process.cpuUsage();
    process.stdout.write("ok\n");
  }
});
lines.on("close", () => void server.close().then(() => process.exit(0)));
