/**
 * Services every instance reaches on link-local or reserved addresses without passing its security
 * groups or network ACLs, and without routes: the Amazon DNS server (the VPC's primary CIDR base + 2,
 * and 169.254.169.253) when the VPC's `enableDnsSupport` is on, the instance metadata service
 * (169.254.169.254, HTTP on port 80) unless the instance turned it off, and the Amazon Time Sync
 * Service (169.254.169.123, NTP on UDP 123). A SageMaker notebook instance gets its role's
 * credentials from the metadata service, so a VPC-only notebook with no route anywhere still has them.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html (security groups do
 * not filter traffic to these services), https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html
 * (nor do network ACLs), https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html
 */
import { parseCidr, parseIpv4, type PacketProtocol } from "../../net/index.js";
import type { Instance, Vpc } from "../../model/types.js";
import type { Evidence } from "../verdict.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "link-local-services",
  docs: {
    description: "Amazon DNS, the instance metadata service and the Time Sync Service answer every instance, bypassing security groups, NACLs and routes.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html",
  },
  codes: {
    DNS_SUPPORT_DISABLED: "enableDnsSupport is off on {vpc}, so the Amazon DNS server at {address} does not answer",
    METADATA_ENDPOINT_DISABLED: "{instance} has its instance metadata service turned off (MetadataOptions.HttpEndpoint disabled)",
    NO_POSSIBLE_DESTINATION: "{service} at {address} answers only {serves}",
    MISSING_DATA: "{what} is not in the snapshot, and it decides whether {service} answers",
  },
} satisfies RuleMeta;

export type LinkLocalService = "dns" | "imds" | "time-sync";

interface ServiceInfo {
  /** As users know it. */
  title: string;
  /** The graph node of the service. */
  node: string;
  /** What it serves, for messages. */
  serves: string;
  protocols: readonly PacketProtocol[];
  port: number;
  /** The AWS page that documents it. */
  url: string;
}

/** The services, what they answer and the page that documents each. */
export const LINK_LOCAL_SERVICES: Readonly<Record<LinkLocalService, ServiceInfo>> = {
  dns: { title: "the Amazon DNS server", node: "service:amazon-dns", serves: "DNS (tcp/udp 53)", protocols: ["udp", "tcp"], port: 53, url: "https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html" },
  imds: { title: "the instance metadata service", node: "service:instance-metadata", serves: "HTTP (tcp 80)", protocols: ["tcp"], port: 80, url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html" },
  "time-sync": { title: "the Amazon Time Sync Service", node: "service:time-sync", serves: "NTP (udp 123)", protocols: ["udp"], port: 123, url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html" },
};

const FIXED: ReadonlyMap<number, LinkLocalService> = new Map([
  [parseIpv4("169.254.169.253") as number, "dns"],
  [parseIpv4("169.254.169.254") as number, "imds"],
  [parseIpv4("169.254.169.123") as number, "time-sync"],
]);

/**
 * The service answering at an address for a source in a VPC, if any.
 *
 * @param address - the destination address
 * @param vpc - the source's VPC (its primary CIDR's base + 2 is the Amazon DNS server), if known
 */
export function linkLocalServiceAt(address: number, vpc: Pick<Vpc, "cidrs"> | undefined): LinkLocalService | undefined {
  const fixed = FIXED.get(address);
  if (fixed) return fixed;
  const primary = vpc?.cidrs[0] ? parseCidr(vpc.cidrs[0]) : undefined;
  return primary && address === primary.first + 2 ? "dns" : undefined;
}

/** What the source is, as far as the metadata service and DNS are concerned. */
export interface LinkLocalSource {
  /** The source's id, for messages. */
  id: string;
  /** Its VPC, undefined when it has none (a notebook on SageMaker's managed network only). */
  vpc: Vpc | undefined;
  /** The VPC id it claims, for messages when the VPC record is absent. */
  vpcId: string | undefined;
  isNotebook: boolean;
  instance: Instance | undefined;
}

/** The outcome: the evidence that the service answers, or the block (or unknown). */
export type LinkLocalDecision = { evidence: Evidence[] } | { block: RuleBlock };

/**
 * Decides whether a link-local service answers a source on a protocol and port.
 *
 * @param service - the service
 * @param address - its address as asked (for messages)
 * @param source - the source
 * @param protocol - the packets' protocol
 * @param port - the destination port (tcp/udp), else null
 */
export function checkLinkLocal(service: LinkLocalService, address: string, source: LinkLocalSource, protocol: PacketProtocol, port: number | null): LinkLocalDecision {
  const info = LINK_LOCAL_SERVICES[service];
  const bypass: Evidence = { kind: "implicit", ref: info.node, text: `${info.title} at ${address} is reached without security groups, network ACLs or routes (${meta.docs.url})` };
  if (!info.protocols.includes(protocol) || port !== info.port) {
    return {
      block: {
        code: "NO_POSSIBLE_DESTINATION",
        message: fill(meta.codes.NO_POSSIBLE_DESTINATION, { service: info.title, address, serves: info.serves }),
        rule: { kind: "implicit", ref: info.node, text: `${info.title} serves ${info.serves} (${info.url})` },
        fix: `query ${info.serves}`,
      },
    };
  }
  if (service === "dns") return dnsDecision(info, address, source, bypass);
  if (service === "imds") return metadataDecision(info, address, source, bypass);
  return { evidence: [{ kind: "implicit", ref: info.node, text: `every instance reaches ${info.title} at ${address} (${info.url})` }, bypass] };
}

function dnsDecision(info: ServiceInfo, address: string, source: LinkLocalSource, bypass: Evidence): LinkLocalDecision {
  if (!source.vpcId) {
    return { evidence: [{ kind: "implicit", ref: info.node, text: `${source.id} resolves names on SageMaker's managed network, which provides ${info.title} (${info.url})` }, bypass] };
  }
  const support = source.vpc?.enableDnsSupport;
  if (support === undefined) {
    return {
      block: {
        code: "MISSING_DATA",
        message: fill(meta.codes.MISSING_DATA, { what: `enableDnsSupport of ${source.vpcId} (describe-vpc-attribute)`, service: info.title }),
        rule: { kind: "attribute", ref: source.vpcId, text: `${source.vpcId} enableDnsSupport not in the snapshot` },
        fix: `add the output of aws ec2 describe-vpc-attribute --vpc-id ${source.vpcId} --attribute enableDnsSupport to the snapshot`,
        unknown: true,
      },
    };
  }
  if (!support) {
    return {
      block: {
        code: "DNS_SUPPORT_DISABLED",
        message: fill(meta.codes.DNS_SUPPORT_DISABLED, { vpc: source.vpcId, address }),
        rule: { kind: "attribute", ref: source.vpcId, text: `${source.vpcId} enableDnsSupport false` },
        fix: `aws ec2 modify-vpc-attribute --vpc-id ${source.vpcId} --enable-dns-support`,
      },
    };
  }
  return { evidence: [{ kind: "attribute", ref: source.vpcId, text: `${source.vpcId} enableDnsSupport true: ${info.title} answers at ${address} (${info.url})` }, bypass] };
}

function metadataDecision(info: ServiceInfo, address: string, source: LinkLocalSource, bypass: Evidence): LinkLocalDecision {
  if (source.isNotebook) {
    return { evidence: [{ kind: "implicit", ref: info.node, text: `a SageMaker notebook instance gets its execution role's credentials from ${info.title}, whatever its network settings (https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-imds.html)` }, bypass] };
  }
  const instance = source.instance;
  const state = instance?.metadataEndpoint;
  if (!instance || state === undefined) {
    const what = instance ? `MetadataOptions of ${instance.id} (describe-instances)` : `the instance behind ${source.id}`;
    return {
      block: {
        code: "MISSING_DATA",
        message: fill(meta.codes.MISSING_DATA, { what, service: info.title }),
        rule: { kind: "attribute", ref: instance?.id ?? source.id, text: `${what}: not in the snapshot` },
        fix: "add the output of aws ec2 describe-instances (with MetadataOptions) to the snapshot",
        unknown: true,
      },
    };
  }
  if (state === "disabled") {
    return {
      block: {
        code: "METADATA_ENDPOINT_DISABLED",
        message: fill(meta.codes.METADATA_ENDPOINT_DISABLED, { instance: instance.id }),
        rule: { kind: "attribute", ref: instance.id, text: `${instance.id} MetadataOptions.HttpEndpoint disabled` },
        fix: `aws ec2 modify-instance-metadata-options --instance-id ${instance.id} --http-endpoint enabled`,
      },
    };
  }
  return { evidence: [{ kind: "attribute", ref: instance.id, text: `${instance.id} MetadataOptions.HttpEndpoint enabled (${info.url})` }, bypass] };
}
