/** link-local-services: which address is which service, and when each answers. */
import { describe, expect, it } from "vitest";
import { parseIpv4 } from "../../../src/net/index.js";
import * as ll from "../../../src/engine/rules/link-local-services.js";
import type { Instance, Vpc } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const vpc = (support: boolean | undefined): Vpc => ({ ...base, id: "vpc-1", cidrs: ["10.0.0.0/16", "10.1.0.0/16"], ipv6Cidrs: [], isDefault: false, state: "available", enableDnsSupport: support, enableDnsHostnames: true });
const instance = (metadata: Instance["metadataEndpoint"]): Instance => ({ ...base, id: "i-1", state: "running", vpcId: "vpc-1", subnetId: "subnet-1", privateIp: "10.0.1.5", publicIp: undefined, networkInterfaceIds: [], securityGroupIds: [], metadataEndpoint: metadata });
const fromInstance = (metadata: Instance["metadataEndpoint"], support: boolean | "absent" = true): ll.LinkLocalSource => ({ id: "i-1", vpc: vpc(support === "absent" ? undefined : support), vpcId: "vpc-1", isNotebook: false, instance: instance(metadata) });
const notebook: ll.LinkLocalSource = { id: "nb", vpc: vpc(true), vpcId: "vpc-1", isNotebook: true, instance: undefined };

const fate = (d: ll.LinkLocalDecision): string => ("evidence" in d ? "reachable" : d.block.unknown ? "unknown" : d.block.code);

describe(ll.meta.name, () => {
  it.each([
    ["169.254.169.253", "dns"],
    ["169.254.169.254", "imds"],
    ["169.254.169.123", "time-sync"],
    ["10.0.0.2", "dns"],
    ["10.1.0.2", undefined],
    ["10.0.0.3", undefined],
    ["169.254.169.1", undefined],
  ])("%s is %s", (address, service) => {
    expect(ll.linkLocalServiceAt(parseIpv4(address) as number, vpc(true))).toBe(service);
  });

  it.each([
    ["DNS over udp 53 with DNS support on", "dns", fromInstance("enabled"), "udp", 53, "reachable"],
    ["DNS over tcp 53", "dns", fromInstance("enabled"), "tcp", 53, "reachable"],
    ["DNS with DNS support off", "dns", fromInstance("enabled", false), "udp", 53, "DNS_SUPPORT_DISABLED"],
    ["DNS with the attribute not in the snapshot", "dns", fromInstance("enabled", "absent"), "udp", 53, "unknown"],
    ["DNS from a notebook without a VPC", "dns", { ...notebook, vpc: undefined, vpcId: undefined }, "udp", 53, "reachable"],
    ["DNS on another port", "dns", fromInstance("enabled"), "tcp", 443, "NO_POSSIBLE_DESTINATION"],
    ["metadata from an instance with it on", "imds", fromInstance("enabled"), "tcp", 80, "reachable"],
    ["metadata from an instance with it off", "imds", fromInstance("disabled"), "tcp", 80, "METADATA_ENDPOINT_DISABLED"],
    ["metadata with MetadataOptions not in the snapshot", "imds", fromInstance(undefined), "tcp", 80, "unknown"],
    ["metadata from a VPC-only notebook", "imds", notebook, "tcp", 80, "reachable"],
    ["metadata over udp", "imds", notebook, "udp", 80, "NO_POSSIBLE_DESTINATION"],
    ["time sync over udp 123", "time-sync", fromInstance(undefined), "udp", 123, "reachable"],
    ["time sync over tcp 123", "time-sync", fromInstance(undefined), "tcp", 123, "NO_POSSIBLE_DESTINATION"],
  ] as [string, ll.LinkLocalService, ll.LinkLocalSource, "tcp" | "udp", number, string][])("%s: %s", (_name, service, source, protocol, port, expected) => {
    expect(fate(ll.checkLinkLocal(service, "169.254.169.254", source, protocol, port))).toBe(expected);
  });

  it("cites the AWS page and the bypass of security groups and NACLs", () => {
    const d = ll.checkLinkLocal("imds", "169.254.169.254", notebook, "tcp", 80);
    expect("evidence" in d && d.evidence.map((e) => e.text)).toEqual([
      expect.stringContaining("credentials"),
      expect.stringMatching(/without security groups, network ACLs or routes \(https:\/\/docs\.aws\.amazon\.com\//),
    ]);
  });

  it("gives the command that turns a disabled service on", () => {
    const d = ll.checkLinkLocal("dns", "10.0.0.2", fromInstance("enabled", false), "udp", 53);
    expect("block" in d && d.block.fix).toBe("aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support");
  });
});
