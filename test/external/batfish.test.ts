/**
 * External cases: the published expectations of Batfish's AWS end-to-end tests, for the snapshots
 * copied under test/data/external/batfish-aws/ (see its README for source and licence), loaded
 * with `loadModel` and translated to our terms:
 *
 * - Batfish hop lists become ordered component ids that must appear in `path` (forward) and, for
 *   "bidirectional" tests, reversed in `returnPath`. Batfish-only nodes (`isp_16509`,
 *   `__aws-services-gateway__`, the VPC router node) have no counterpart and are left out; Batfish's
 *   `internet` is our `internet`; its interface-endpoint node `<vpce>-<subnet>` is our endpoint or its ENI.
 * - ACCEPTED / EXITS_NETWORK → `reachable`; NO_ROUTE → `unreachable`, NO_ROUTE_TO_DESTINATION at the
 *   subnet's route table; DENIED_IN at a node → `unreachable` blocked at that component.
 * - Test flows are TCP from source port 49152 (Batfish's EPHEMERAL_LOWEST).
 *
 * Each expectation is also checked on the reference evaluator (test/reference/), which is how the
 * two expectations our query language cannot express (IP protocol 107; a connection opened from
 * the internet) are still tested.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { createAnalyzer, type Analyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import type { Model } from "../../src/model/types.js";
import type { Hop, Verdict } from "../../src/engine/verdict.js";
import { evaluateFromInternet, evaluatePacket, type RefOutcome } from "../reference/evaluate.js";

const ROOT = join(import.meta.dirname, "../data/external/batfish-aws");

/** One expected hop: any of these component ids. */
type Expected = string | string[];

const cache = new Map<string, Promise<{ model: Model; analyzer: Analyzer }>>();
function network(dir: string): Promise<{ model: Model; analyzer: Analyzer }> {
  if (!cache.has(dir)) {
    cache.set(dir, loadModel(join(ROOT, dir)).then((model) => ({ model, analyzer: createAnalyzer(model) })));
  }
  return cache.get(dir)!;
}

/** The position of each expected hop in `hops`, in order; fails naming the missing hop. */
function expectHopsInOrder(hops: Hop[], expected: Expected[], label: string): void {
  const ids = hops.map((h) => h.component);
  let from = 0;
  for (const want of expected) {
    const alternatives = Array.isArray(want) ? want : [want];
    const at = ids.findIndex((id, i) => i >= from && alternatives.includes(id));
    expect(at, `${label}: ${alternatives.join(" or ")} after position ${from} in [${ids.join(" > ")}]`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

async function ask(dir: string, from: string, ip: string, port: number): Promise<Verdict> {
  const { analyzer } = await network(dir);
  return analyzer.query({ from, to: `${ip}:${port}`, protocol: "tcp", port });
}

async function reference(dir: string, from: string, ip: string, port: number): Promise<RefOutcome> {
  const { model } = await network(dir);
  return evaluatePacket(model, { from, dstIp: ip, protocol: "tcp", dstPort: port, clientPort: 49152, natPort: 49152 });
}

/** A bidirectional Batfish expectation: reachable, forward hops in order, the same hops reversed on the way back. */
async function expectBidirectional(dir: string, from: string, ip: string, port: number, hops: Expected[]): Promise<void> {
  const verdict = await ask(dir, from, ip, port);
  expect(verdict.verdict, verdict.explanation).toBe("reachable");
  expectHopsInOrder(verdict.path, hops, "forward path");
  expectHopsInOrder(verdict.returnPath, [...hops].reverse(), "return path");
  expect((await reference(dir, from, ip, port)).kind).toBe("delivered");
}

describe("Batfish vpc-endpoint-gateway (S3 gateway endpoint)", () => {
  const dir = "vpc-endpoint-gateway/aws_configs";
  const privateInstance = "i-01c6c0647fdccc89e";
  const publicInstance = "i-0464d440ca0ee9e34";
  const vpce = "vpce-0b7357542bb7b83ec";

  it("1. private instance → 52.216.237.77 tcp/443 goes through the gateway endpoint and back", async () => {
    await expectBidirectional(dir, privateInstance, "52.216.237.77", 443, ["subnet-01e5f0945f6d6f47c", vpce]);
    expect(await reference(dir, privateInstance, "52.216.237.77", 443)).toMatchObject({ kind: "delivered", reached: vpce });
  });

  it("2. public instance → S3 uses the endpoint: its prefix-list route is more specific than 0/0 → IGW", async () => {
    await expectBidirectional(dir, publicInstance, "52.216.237.77", 443, ["subnet-04391f04b912d0a73", vpce]);
    const verdict = await ask(dir, publicInstance, "52.216.237.77", 443);
    expect(verdict.path.map((h) => h.component)).not.toContain("igw-0c8afe4471084ccba");
    expect(await reference(dir, publicInstance, "52.216.237.77", 443)).toMatchObject({ kind: "delivered", reached: vpce });
  });

  it("3. private instance → 54.222.57.1 (not in the S3 list): NO_ROUTE at its subnet", async () => {
    const verdict = await ask(dir, privateInstance, "54.222.57.1", 443);
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
    expect(["subnet-01e5f0945f6d6f47c", "rtb-04f71fc2caa8d94cf"]).toContain(verdict.blockedAt?.component);
    expect(await reference(dir, privateInstance, "54.222.57.1", 443)).toMatchObject({ kind: "dropped", code: "NO_ROUTE_TO_DESTINATION", component: "rtb-04f71fc2caa8d94cf" });
  });

  it("4. public instance → 54.222.57.1 leaves through the IGW to the internet and back", async () => {
    await expectBidirectional(dir, publicInstance, "54.222.57.1", 443, ["subnet-04391f04b912d0a73", "igw-0c8afe4471084ccba", "internet"]);
  });
});

describe("Batfish vpc-endpoint-interface (CloudTrail interface endpoint)", () => {
  const dir = "vpc-endpoint-interface/aws_configs";
  const endpoint = ["vpce-083c683a6be29b889", "eni-0084b734451ba23ca"];

  it("1. same-subnet instance → 10.1.101.97 tcp/443: straight across the subnet, no route table, no NACL", async () => {
    await expectBidirectional(dir, "i-0a0fbd0cfa774970f", "10.1.101.97", 443, [endpoint]);
    const verdict = await ask(dir, "i-0a0fbd0cfa774970f", "10.1.101.97", 443);
    for (const hops of [verdict.path, verdict.returnPath]) {
      expect(hops.filter((h) => h.type === "network-acl" || h.type === "route-table").map((h) => h.component)).toEqual([]);
    }
  });

  it("2. other-subnet instance → 10.1.101.97 tcp/443 crosses both subnets and back", async () => {
    await expectBidirectional(dir, "i-0eb6eb395a0d09117", "10.1.101.97", 443, ["subnet-0611b848137c513d1", "subnet-0bb8615d8368ece31", endpoint]);
  });

  it("enforces the endpoint's security group, which Batfish does not (README caveat): only tcp/443 is admitted", async () => {
    const { model } = await network(dir);
    const sgs = model.networkInterfaces.get("eni-0084b734451ba23ca")!.securityGroupIds;
    const admitsPort = (port: number) =>
      sgs.some((g) => model.securityGroups.get(g)!.ingress.some((r) => r.protocol === "all" || (r.ports !== undefined && r.protocol === "tcp" && r.ports.from <= port && port <= r.ports.to)));
    const closed = [8443, 3389, 5432].find((port) => !admitsPort(port))!;
    expect(closed).toBeDefined();
    const verdict = await ask(dir, "i-0eb6eb395a0d09117", "10.1.101.97", closed);
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.code).toMatch(/ENI_SG_RULES_MISMATCH|SG_HAS_NO_RULES/);
    expect((await reference(dir, "i-0eb6eb395a0d09117", "10.1.101.97", closed)).kind).toBe("dropped");
  });
});

describe("Batfish nat-gateway (private subnet → NAT → IGW)", () => {
  const dir = "nat-gateway/aws_configs";
  const nat = "nat-07ab4846da51f4612";

  it("1. i-0a128… → 8.8.8.8 tcp/80 goes through the NAT and the IGW, and the reply comes back", async () => {
    await expectBidirectional(dir, "i-0a128d26e59be60f3", "8.8.8.8", 80, ["subnet-06f469bcee42e408e", nat, "subnet-0428892a357fa1f94", "igw-071753b9c23d8a9b2", "internet"]);
    const outcome = await reference(dir, "i-0a128d26e59be60f3", "8.8.8.8", 80);
    expect(outcome.steps.join("\n")).toContain(`NAT gateway ${nat} translates the source to 10.1.250.210`);
    expect(outcome.steps.join("\n")).toContain("translates 10.1.250.210 to 3.135.127.225");
  });

  it("2. IP protocol 107 through the NAT is denied at the NAT (reference; queries take tcp|udp|icmp|all only)", async () => {
    const { model } = await network(dir);
    const outcome = evaluatePacket(model, { from: "i-0a128d26e59be60f3", dstIp: "8.8.8.8", protocol: { number: 107 }, dstPort: 0, clientPort: 0, natPort: 0 });
    expect(outcome).toMatchObject({ kind: "dropped", component: nat, code: "PROTOCOL_RESTRICTION" });
  });

  it("3. from the internet 8.8.8.8 → 3.135.127.225 tcp/80 with no NAT session is denied at the NAT (reference; queries start at workloads)", async () => {
    const { model } = await network(dir);
    const outcome = evaluateFromInternet(model, { srcIp: "8.8.8.8", dstIp: "3.135.127.225", protocol: "tcp", dstPort: 80, srcPort: 49152 });
    expect(outcome).toMatchObject({ kind: "dropped", component: nat });
  });

  it("4. i-0b31b… (same subnet as the NAT) → 10.1.250.210 tcp/80 is denied at the NAT", async () => {
    const verdict = await ask(dir, "i-0b31b509174d7f5de", "10.1.250.210", 80);
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.component).toBe(nat);
    expect(await reference(dir, "i-0b31b509174d7f5de", "10.1.250.210", 80)).toMatchObject({ kind: "dropped", component: nat });
  });

  it("README: i-0a73a… in subnet 20 (main table, local only) has NO_ROUTE to the internet", async () => {
    const verdict = await ask(dir, "i-0a73a1a6021c03ddb", "8.8.8.8", 80);
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
    expect(await reference(dir, "i-0a73a1a6021c03ddb", "8.8.8.8", 80)).toMatchObject({ kind: "dropped", code: "NO_ROUTE_TO_DESTINATION" });
  });
});
