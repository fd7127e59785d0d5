/**
 * The reference's SageMaker Studio apps (`domain/NAME` or a domain id), read apart from the engine
 * from SageMaker's pages (CreateDomain `AppNetworkAccessType`; "Connect Studio notebooks in a VPC to
 * external resources"):
 * - an app runs with a network interface in one of the domain's subnets, with the domain's default
 *   user groups; SageMaker gives it an address of the subnet at launch, which no snapshot holds: the
 *   reference walks one free address of every part of the subnet the model's rules treat alike (the
 *   first four and the last address of a subnet are AWS's, an address another interface holds is
 *   taken), as a choice AWS makes (where the parts differ only `unknown` is right);
 * - `VpcOnly`: all its traffic goes through that interface;
 * - `PublicInternetOnly`: "non-EFS traffic is through a VPC managed by Amazon SageMaker AI, which
 *   allows direct internet access"; only traffic with the domain's EFS volume (NFS, TCP 2049) is
 *   documented through the domain's VPC. Traffic to its VPC's addresses other than NFS may go either
 *   way (through the interface, or through the managed network, which reaches no private address):
 *   a choice; traffic to other addresses goes through the managed network.
 */
import type { Model, NetworkInterface, StudioDomain } from "../../src/model/types.js";
import { indexModel, type ModelIndex } from "../../src/model/indexes.js";
import { ipToNumber, numberToIp, prefixLength } from "./ipv4.js";
import { chosen, modelCidrs, partStarts } from "./assume.js";
import { unmodeled, type Packet, type Walk } from "./walk.js";

/** A Studio app as a source: its interface (in a copy of the model that holds it) and whether only NFS is documented through it. */
export interface StudioApp {
  eni: NetworkInterface;
  ip: string;
  domain: StudioDomain;
  publicInternet: boolean;
}

/** The domain a source names (`domain/NAME`, `domain/d-…` or `d-…`), or undefined when it names none. */
export function studioDomainOf(model: Model, from: string): StudioDomain | undefined {
  const text = from.startsWith("domain/") ? from.slice("domain/".length) : /^d-[0-9a-z]+$/.test(from) ? from : undefined;
  if (text === undefined) return undefined;
  return model.domains.get(text) ?? [...model.domains.values()].find((d) => d.domainName === text);
}

/** Copies of a model with an app's interface added, so group references to the app's groups see it. */
const withApp = new WeakMap<Model, Map<string, { model: Model; index: ModelIndex }>>();

/**
 * Places the app: a subnet of the domain and an address in it (each a choice AWS makes), its
 * interface added to the walk's model.
 *
 * @param walk - the running evaluation (its model and index are replaced by a copy holding the app)
 * @param domain - the app's domain
 */
export function placeStudioApp(walk: Walk, domain: StudioDomain): StudioApp {
  const { model } = walk;
  const subnets = domain.subnetIds.map((id) => model.subnets.get(id));
  if (subnets.length === 0 || subnets.some((s) => s === undefined)) unmodeled(walk, domain.id, `the subnets of ${domain.id} are not all in the snapshot`);
  const subnetId = chosen(walk, `subnet of ${domain.id}'s app`, subnets.map((s) => ({ subnet: s!.id })), `the subnet ${domain.id}'s app runs in`).subnet;
  const subnet = model.subnets.get(subnetId)!;
  const taken = new Set([...model.networkInterfaces.values()].flatMap((e) => e.privateIps.map((a) => a.privateIp)));
  const first = ipToNumber(subnet.cidr.split("/")[0]!) + 4;
  const last = ipToNumber(subnet.cidr.split("/")[0]!) + 2 ** (32 - prefixLength(subnet.cidr)) - 2;
  // One free address of each part the model's rules cut the subnet into (other interfaces' addresses
  // cut nothing: no rule names them, and a group reference matches the app by its groups).
  const starts = [first, ...partStarts(modelCidrs(model)).filter((n) => n > first && n <= last)];
  const candidates = starts.flatMap((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! - 1 : last;
    for (let n = start; n <= end; n++) if (!taken.has(numberToIp(n))) return [numberToIp(n)];
    return [];
  });
  if (candidates.length === 0) unmodeled(walk, subnet.id, `${subnet.id} has no free address for ${domain.id}'s app`);
  const ip = chosen(walk, `address of ${domain.id}'s app`, candidates.map((address) => ({ address })), `the address SageMaker gives ${domain.id}'s app in ${subnet.id}`).address;
  const eni: NetworkInterface = {
    id: `eni-app-${domain.id}`, scope: subnet.scope, name: undefined, tags: {}, origin: { file: "reference", jsonPath: "$" },
    vpcId: subnet.vpcId, subnetId: subnet.id, availabilityZone: subnet.availabilityZone, interfaceType: "sagemaker", status: "in-use",
    privateIps: [{ privateIp: ip, primary: true, publicIp: undefined }], securityGroupIds: domain.securityGroupIds,
    sourceDestCheck: true, attachedInstanceId: undefined, requesterManaged: true, requesterId: undefined, description: `Studio app of ${domain.id}`,
  };
  let copies = withApp.get(model);
  if (!copies) withApp.set(model, (copies = new Map()));
  const key = `${subnet.id}|${ip}|${domain.id}`;
  let copy = copies.get(key);
  if (!copy) {
    const appModel: Model = { ...model, networkInterfaces: new Map([...model.networkInterfaces, [eni.id, eni]]) };
    copy = { model: appModel, index: indexModel(appModel) };
    copies.set(key, copy);
  }
  walk.model = copy.model;
  walk.index = copy.index;
  return { eni, ip, domain, publicInternet: domain.appNetworkAccessType === "PublicInternetOnly" };
}

/**
 * Whether a PublicInternetOnly app's packet to an address of its VPC goes through its interface in
 * the domain's subnet: NFS (TCP 2049, the EFS traffic) does; anything else may (a choice: AWS
 * documents it through the managed network).
 *
 * @param walk - the running evaluation
 * @param app - the app
 * @param packet - the request
 */
export function throughDomainSubnet(walk: Walk, app: StudioApp, packet: Packet): boolean {
  if (packet.protocol === "tcp" && packet.dstPort === 2049) return true;
  return chosen(walk, `path of ${app.domain.id}'s app to its VPC`, [{ option: "enable" as const }, { option: "disable" as const }], `whether ${app.domain.id}'s app (PublicInternetOnly) sends non-EFS traffic to its VPC through the domain's subnet (enable) or the managed network (disable)`).option === "enable";
}
