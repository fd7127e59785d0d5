/**
 * Fixes drawn from the state of the network (src/engine/fixes.ts and the walk's use of it): each
 * case is a network missing something different, and the fix must name what is missing, in the
 * order it must be built, and nothing that would not help.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { TestModel } from "./helpers/model-builder.js";

/** The position of each expected phrase in the fix, failing when one is absent. */
function inOrder(fix: string | undefined, phrases: string[]): void {
  expect(fix).toBeDefined();
  const positions = phrases.map((phrase) => {
    const at = (fix as string).indexOf(phrase);
    expect(at, `"${phrase}" in "${fix}"`).toBeGreaterThanOrEqual(0);
    return at;
  });
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

/** A VPC 10.0.0.0/16 with a private subnet (main table, local only) holding a notebook. */
function privateOnly() {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const priv = t.subnet(vpc, "10.0.1.0/24", "us-east-1a");
  const sg = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
  t.notebook("nb", { subnet: priv, sgs: [sg] });
  return { t, vpc, priv, sg, main: t.main(vpc) };
}

/** privateOnly plus an internet gateway and a public subnet routed to it. */
function withPublicSubnet() {
  const network = privateOnly();
  const { t, vpc } = network;
  const igw = t.igw(vpc);
  const pub = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
  t.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
  return { ...network, igw, pub };
}

interface Case {
  name: string;
  build: () => { t: TestModel; expected: string[]; absent: string[] };
  to?: string;
}

const cases: Case[] = [
  {
    name: "no internet gateway: attach one, make a public subnet, then the NAT gateway, then the route",
    build: () => {
      const { t, vpc, main } = privateOnly();
      return {
        t,
        expected: [`create an internet gateway and attach it to ${vpc}`, `give ${vpc} a public subnet`, "create a NAT gateway", `add route 0.0.0.0/0 → nat-<new> to ${main}`],
        absent: ["Elastic IP"],
      };
    },
  },
  {
    name: "internet gateway but no public subnet: the public subnet first, no new gateway",
    build: () => {
      const { t, vpc, main } = privateOnly();
      const igw = t.igw(vpc);
      return { t, expected: [`give ${vpc} a public subnet`, `sends 0.0.0.0/0 to ${igw}`, "create a NAT gateway", `add route 0.0.0.0/0 → nat-<new> to ${main}`], absent: ["create an internet gateway"] };
    },
  },
  {
    name: "public subnet without a NAT gateway: create it there",
    build: () => {
      const { t, pub, main } = withPublicSubnet();
      return { t, expected: [`create a NAT gateway in ${pub}`, `--subnet-id ${pub}`, `add route 0.0.0.0/0 → nat-<new> to ${main}`], absent: ["internet gateway", "give"] };
    },
  },
  {
    name: "a working NAT gateway: only the route",
    build: () => {
      const { t, pub, main } = withPublicSubnet();
      const nat = t.nat(pub);
      return { t, expected: [`add route 0.0.0.0/0 → ${nat} to ${main}`], absent: ["create", "then"] };
    },
  },
  {
    name: "a NAT gateway whose subnet has no route to the internet gateway: that route first",
    build: () => {
      const { t, vpc, main } = privateOnly();
      const igw = t.igw(vpc);
      const natSubnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
      const natTable = t.routeTable(vpc, [natSubnet], []);
      const nat = t.nat(natSubnet);
      return { t, expected: [`add route 0.0.0.0/0 → ${igw} to ${natTable} of ${natSubnet} (where ${nat} sits)`, `add route 0.0.0.0/0 → ${nat} to ${main}`], absent: ["create"] };
    },
  },
  {
    name: "a NAT gateway in a VPC without internet gateway: the gateway, then its route, then ours",
    build: () => {
      const { t, vpc, main } = privateOnly();
      const natSubnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
      t.routeTable(vpc, [natSubnet], []);
      const nat = t.nat(natSubnet);
      return { t, expected: [`create an internet gateway and attach it to ${vpc}`, "add route 0.0.0.0/0 → igw-<new>", `add route 0.0.0.0/0 → ${nat} to ${main}`], absent: ["create a NAT gateway"] };
    },
  },
  {
    name: "an AWS service: the NAT plan or an interface endpoint",
    to: "sagemaker-api",
    build: () => {
      const { t, vpc } = privateOnly();
      return { t, expected: [`create an internet gateway and attach it to ${vpc}`, "create a NAT gateway", "or create an interface endpoint for com.amazonaws.us-east-1.sagemaker.api"], absent: [] };
    },
  },
  {
    name: "internet and NAT gateways not collected: the fix says they may exist",
    build: () => {
      const { t, vpc, main } = privateOnly();
      t.without("internetGateways").without("natGateways");
      return {
        t,
        expected: [`create an internet gateway and attach it to ${vpc} if it has none (internet gateways are not in the snapshot)`, "create a NAT gateway in it if it has none (NAT gateways are not in the snapshot)", `add route 0.0.0.0/0 → nat-<new> to ${main}`],
        absent: [],
      };
    },
  },
];

describe("no route to the internet: the fix follows what the VPC has", () => {
  it.each(cases)("$name", ({ build, to }) => {
    const { t, expected, absent } = build();
    const verdict = createAnalyzer(t.build()).query({ from: "nb", to: to ?? "internet" });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
    inOrder(verdict.fix, expected);
    for (const phrase of absent) expect(verdict.fix).not.toContain(phrase);
  });
});

/** A VPC with an internet gateway, a public subnet (0.0.0.0/0 → igw) and a NAT gateway in it. */
function publicNetwork() {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const pub = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
  const igw = t.igw(vpc);
  const pubRtb = t.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
  const sg = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
  return { t, vpc, pub, igw, pubRtb, sg };
}

describe("at the internet gateway", () => {
  it("a private destination behind the gateway: never an Elastic IP, whatever the source's IP", () => {
    const { t, pub, igw, sg } = publicNetwork();
    const withoutIp = t.instance(pub, { sgs: [sg] });
    const withIp = t.instance(pub, { sgs: [sg], publicIp: "54.1.2.3" });
    const analyzer = createAnalyzer(t.build());
    for (const from of [withoutIp, withIp]) {
      const verdict = analyzer.query({ from, to: "192.168.1.1" });
      expect(verdict.blockedAt).toMatchObject({ component: igw, code: "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS" });
      expect(verdict.fix).not.toMatch(/Elastic IP/);
      expect(verdict.fix).toContain("peering connection, transit gateway or VPN");
    }
  });

  it("an instance without a public IP: an Elastic IP, or a private subnet behind the VPC's NAT gateway", () => {
    const { t, vpc, pub, igw, sg } = publicNetwork();
    const natSubnet = t.subnet(vpc, "10.0.2.0/24", "us-east-1a");
    t.routeTable(vpc, [natSubnet], [["0.0.0.0/0", igw]]);
    const nat = t.nat(natSubnet);
    const i = t.instance(pub, { sgs: [sg] });
    const verdict = createAnalyzer(t.build()).query({ from: i, to: "internet" });
    expect(verdict.blockedAt?.code).toBe("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
    inOrder(verdict.fix, ["associate an Elastic IP", `move it to a private subnet whose route table sends 0.0.0.0/0 to ${nat}`]);
  });

  it("a notebook in a public subnet: recreate it behind a NAT gateway, created first when there is none", () => {
    const { t, vpc, pub, sg } = publicNetwork();
    t.subnet(vpc, "10.0.3.0/24", "us-east-1b"); // private: no route to the gateway
    t.notebook("nb", { subnet: pub, sgs: [sg] });
    const verdict = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(verdict.blockedAt?.code).toBe("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
    // The notebook's own subnet is public but cannot hold its NAT gateway (a NAT gateway does not serve its own subnet).
    inOrder(verdict.fix, ["never gets a public IP", `give ${vpc} a public subnet: one whose route table sends 0.0.0.0/0 to`, `other than ${pub}`, "create a NAT gateway", "recreate the notebook in a private subnet whose route table sends 0.0.0.0/0 to nat-<new>"]);
    expect(verdict.fix).not.toContain("Elastic IP");
  });

  it("a sender with a public IP but no route: the route to the existing internet gateway, not a NAT gateway", () => {
    const { t, vpc, igw, sg } = publicNetwork();
    const bare = t.subnet(vpc, "10.0.4.0/24", "us-east-1a");
    const table = t.routeTable(vpc, [bare], []);
    const i = t.instance(bare, { sgs: [sg], publicIp: "54.9.9.9" });
    const verdict = createAnalyzer(t.build()).query({ from: i, to: "internet" });
    expect(verdict.blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
    expect(verdict.fix).toBe(`add route 0.0.0.0/0 → ${igw} to ${table} (the sender has public IP 54.9.9.9)`);
  });
});
