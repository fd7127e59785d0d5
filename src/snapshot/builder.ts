/**
 * Collects the records the per-resource parsers (src/snapshot/aws/) produce, keeping one record per
 * id (a resource seen twice, in two pages, files or accounts' views, is merged: see merge.ts; copies
 * that disagree leave a warning naming both files and a doubt on the resource), and remembering which
 * kinds of data each account/Region holds and which resources are in doubt. A Terraform plan laid
 * over earlier inputs replaces their records instead (see `overlay`) and removes what it destroys. `finish` runs the cross-record passes
 * (src/snapshot/resolve.ts) and returns the `Model`.
 */
import type {
  IamRole,
  OrganizationPolicy,
  PolicyDocument,
  CollectError,
  DanglingReference,
  DataKind,
  Doubt,
  ElasticIp,
  LoadWarning,
  NetworkInterface,
  Scope,
  HostedZoneRecord,
  ResolverRule,
  TransitGatewayAssociation,
  TransitGatewayAttachment,
  TransitGatewayPropagation,
  TransitGatewayRoute,
} from "../model/types.js";
import { scopeKey } from "../model/types.js";
import type { JsonObject } from "./json-reader.js";
import { mergeCopies } from "./merge.js";
import type { PlanEffects, RawDocument } from "./types.js";
import { KIND_OF_MAP, type KeyedRecord, type ListedRecord, type RecordKind, type RecordMaps, type RecordOf, type VpcAttributeValue } from "./record-maps.js";

/** The builder described in the module header: one per load, `finish` hands over the `Model`. */
export class ModelBuilder {
  readonly maps: RecordMaps = {
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    internetGateways: new Map(),
    egressOnlyInternetGateways: new Map(),
    natGateways: new Map(),
    vpcEndpoints: new Map(),
    securityGroups: new Map(),
    networkAcls: new Map(),
    networkInterfaces: new Map(),
    instances: new Map(),
    prefixLists: new Map(),
    vpcPeeringConnections: new Map(),
    transitGateways: new Map(),
    transitGatewayAttachments: new Map(),
    transitGatewayRouteTables: new Map(),
    hostedZones: new Map(),
    notebooks: new Map(),
    domains: new Map(),
    trainingJobs: new Map(),
    processingJobs: new Map(),
    tuningJobs: new Map(),
    models: new Map(),
    endpointConfigs: new Map(),
    endpoints: new Map(),
    userProfiles: new Map(),
    spaces: new Map(),
    blockPublicAccessOptions: new Map(),
    blockPublicAccessExclusions: new Map(),
  };
  readonly elasticIps: ElasticIp[] = [];
  /** IAM and resource policies; `policyTargets` holds list-targets-for-policy outputs read before their policy. */
  readonly identity = {
    roles: new Map<string, IamRole>(),
    managedPolicies: new Map<string, PolicyDocument>(),
    bucketPolicies: new Map<string, PolicyDocument>(),
    organizationPolicies: [] as OrganizationPolicy[],
    bucketListing: undefined as Set<string> | undefined,
    parents: new Map<string, string>(),
    present: new Set<"iam" | "bucketPolicies" | "organizations">(),
    policyTargets: new Map<string, string[]>(),
  };
  readonly vpcAttributes: VpcAttributeValue[] = [];
  /** Subnet ids of transit gateway VPC attachments, merged into the attachments at the end. */
  readonly tgwAttachmentSubnets = new Map<string, string[]>();
  /** Options of transit gateway VPC attachments (only their VPC list carries them), merged likewise. */
  readonly tgwAttachmentOptions = new Map<string, Pick<TransitGatewayAttachment, "securityGroupReferencingSupport" | "applianceModeSupport">>();
  /** Attachments known so far only from describe-transit-gateway-vpc-attachments (replaced by a full record). */
  readonly tgwAttachmentsFromVpcList = new Set<string>();
  /**
   * Parts of transit gateway attachments, route tables and hosted zones read from their own files
   * (per-table and per-zone outputs name the table or zone only in the file name), joined to their
   * records once every file is read.
   */
  readonly parts = {
    /** By attachment id: every association seen (a peering attachment has one per side). */
    tgwAssociations: new Map<string, TransitGatewayAssociation[]>(),
    /** By route table id. */
    tgwRoutes: new Map<string, { given: "all" | "static"; routes: TransitGatewayRoute[]; truncated: boolean; origin: { file: string; jsonPath: string } }>(),
    tgwPropagations: new Map<string, TransitGatewayPropagation[]>(),
    /** By hosted zone id. */
    zoneVpcs: new Map<string, { vpcId: string; region: string }[]>(),
    /** By hosted zone id: why some associations' VPCs are not known (see `HostedZone.vpcsUnknown`). */
    zoneVpcsUnknown: new Map<string, string[]>(),
    zoneRecords: new Map<string, HostedZoneRecord[]>(),
    /** By DHCP options set id: its `domain-name-servers`. */
    dhcpServers: new Map<string, string[]>(),
    /** Route 53 Resolver rules by id, and the VPCs associated with each (list-resolver-rule-associations). */
    resolverRules: new Map<string, Omit<ResolverRule, "vpcIds">>(),
    resolverRuleVpcs: new Map<string, string[]>(),
    /**
     * Route 53 listings given page by page, by listing (`zones`, or `records:<zone id>`): the pages
     * that said more follows (`IsTruncated`, or the AWS CLI's `NextToken`: `by`) with where the next
     * page starts (unknown after a `NextToken`), and where each given page starts.
     */
    route53Pages: new Map<string, { truncated: { file: string; next: string; by: "IsTruncated" | "NextToken" }[]; starts: Set<string> }>(),
  };
  /** ENIs as describe-instances shows them; used for ENIs describe-network-interfaces did not list. */
  readonly instanceInterfaces: NetworkInterface[] = [];
  /**
   * SageMaker records only listed (list-* outputs carry no network settings), each with `missingData`
   * set; added at the end, with a warning, unless a describe output covers them.
   */
  readonly listedOnly: ListedRecord[] = [];
  readonly listedDomains: { id: string; origin: { file: string; jsonPath: string } }[] = [];
  readonly warnings: LoadWarning[] = [];
  readonly dangling: DanglingReference[] = [];
  readonly collectErrors: CollectError[] = [];
  readonly doubts = new Map<string, Doubt[]>();
  /** How the document being read meets records already held (`RawDocument.overlay`); undefined: merged. */
  overlay: RawDocument["overlay"];
  private readonly present = new Map<string, Set<DataKind>>();
  /** The file set being read (see `beginFileSet`) and, per file set, the kinds it holds and the scopes its records belong to. */
  private fileSet = "";
  private readonly fileSets = new Map<string, { kinds: Set<DataKind>; scopes: Set<string> }>();

  /**
   * Adds a record; when the id was already seen, merges the copies (see `mergeCopies`), recording a
   * conflict when they disagree.
   *
   * @param kind - which map
   * @param record - the parsed record
   * @returns true when it was added as a new record
   */
  add<K extends RecordKind>(kind: K, record: RecordOf<K>): boolean {
    return this.addRecord(kind, record as KeyedRecord);
  }

  /**
   * Remembers a record a list-* output names, to add at the end unless a describe output covers it.
   *
   * @param kind - which map
   * @param record - the record, with `missingData` saying what the list lacks
   * @param label - what it is, for the warning (`notebook`, `training job`, …)
   */
  addListed<K extends RecordKind>(kind: K, record: RecordOf<K> & { missingData?: string }, label: string): void {
    const keyed = record as unknown as KeyedRecord & { missingData?: string };
    this.markRecordKindPresent(keyed.scope, kind);
    this.listedOnly.push({ kind, record: keyed, label });
  }

  /** Adds a record without the duplicate check (the caller has made sure the id is new). */
  addResolved(kind: RecordKind, record: KeyedRecord): void {
    (this.maps[kind] as unknown as Map<string, KeyedRecord>).set(record.id, record);
  }

  private addRecord(kind: RecordKind, record: KeyedRecord): boolean {
    const map = this.maps[kind] as unknown as Map<string, KeyedRecord>;
    this.markPresent(record.scope, KIND_OF_MAP[kind]);
    const existing = map.get(record.id);
    if (existing && this.overlay === "keep") return false;
    if (existing && this.overlay === "replace") {
      map.set(record.id, record);
      return false;
    }
    if (existing) {
      const { conflicts, disputedIds } = mergeCopies(existing, record);
      if (conflicts.length > 0) this.conflict(existing, record, conflicts, disputedIds);
      return false;
    }
    map.set(record.id, record);
    return true;
  }

  /**
   * Applies what a Terraform plan laid over earlier inputs destroys: those records leave the model
   * (what refers to them then dangles, as any missing resource does), and records whose parts it
   * changes without holding them are in doubt.
   *
   * @param effects - the plan's deletions and parts outside it
   * @param origin - the plan's `resource_changes`, for the doubts
   */
  applyPlanEffects(effects: PlanEffects, origin: { file: string; jsonPath: string }): void {
    const removed = new Set(effects.removes);
    for (const map of Object.values(this.maps) as Map<string, KeyedRecord>[]) for (const id of removed) map.delete(id);
    const kept = this.elasticIps.filter((eip) => eip.allocationId === undefined || !removed.has(eip.allocationId));
    this.elasticIps.splice(0, this.elasticIps.length, ...kept);
    for (const { id, message } of effects.partsOutside) {
      if (!Object.values(this.maps).some((map: Map<string, KeyedRecord>) => map.has(id))) continue;
      this.warn(message, origin, id);
      this.addDoubt({ id, kind: "plan-part", message, origins: [origin] });
    }
  }

  /** Records that a scope holds the data of a record map (even when its list is empty). */
  markRecordKindPresent(scope: Scope, kind: RecordKind): void {
    this.markPresent(scope, KIND_OF_MAP[kind]);
  }

  /**
   * Records that two copies of a resource disagree: a warning naming both, and a doubt on the
   * resource and on every id only one copy's differing fields name (a subnet one copy associates).
   */
  private conflict(first: KeyedRecord, second: KeyedRecord, fields: string[], disputedIds: string[]): void {
    const where = (o: KeyedRecord["origin"]) => `${o.file} (${o.jsonPath})`;
    const message = `${first.id} differs between ${where(first.origin)} and ${where(second.origin)} in ${fields.join(", ")}: answers that use it are unknown`;
    const origins = [first.origin, second.origin];
    this.warn(message, second.origin, first.id);
    this.addDoubt({ id: first.id, kind: "conflict", message, origins });
    for (const id of disputedIds) {
      this.addDoubt({ id, kind: "conflict", message: `${id} is named by only one of the differing copies of ${first.id} (${where(first.origin)}, ${where(second.origin)})`, origins, about: first.id });
    }
  }

  /**
   * Records that a key AWS always prints is null or absent from a record: a warning, and a doubt so
   * verdicts that use the resource are unknown.
   *
   * @param id - the resource
   * @param keys - the missing keys
   * @param origin - where the record is
   */
  missingKeys(id: string, keys: string[], origin: KeyedRecord["origin"]): void {
    const message = `${id} has no ${keys.join(" or ")} (null or absent at ${origin.file}: ${origin.jsonPath}), which AWS always prints: that data is not in the snapshot`;
    this.warn(message, origin, id);
    this.addDoubt({ id, kind: "missing-key", message, origins: [origin] });
  }

  /** Adds a doubt about a resource. */
  addDoubt(doubt: Doubt): void {
    const list = this.doubts.get(doubt.id);
    if (list) list.push(doubt);
    else this.doubts.set(doubt.id, [doubt]);
  }

  /**
   * Starts the documents of one file set: the outputs of one collection of one account and Region
   * (a folder of describe-* files, or a snapshot file's documents of one account and Region).
   *
   * @param key - identifies the file set
   */
  beginFileSet(key: string): void {
    this.fileSet = key;
  }

  /** Records that a scope holds a kind of data (even when the list is empty). */
  markPresent(scope: Scope, kind: DataKind): void {
    const key = scopeKey(scope);
    let kinds = this.present.get(key);
    if (!kinds) this.present.set(key, (kinds = new Set()));
    kinds.add(kind);
    let set = this.fileSets.get(this.fileSet);
    if (!set) this.fileSets.set(this.fileSet, (set = { kinds: new Set(), scopes: new Set() }));
    set.kinds.add(kind);
    set.scopes.add(key);
  }

  /**
   * Gives every scope whose records a file set holds every kind that file set collected. Records
   * carry their owner's account (`OwnerId`), so one collection of a shared VPC holds several accounts
   * (the network account's subnets, the workload account's instances); what the collection lists is
   * what it saw for all of them. An output with no owner to read (an empty list) belongs to the file
   * set's known accounts, not to an unknown one. Call once, after every document is read.
   */
  attributeFileSets(): void {
    const unknownKept = new Set<string>();
    for (const { kinds, scopes } of this.fileSets.values()) {
      const regionsWithAccount = new Set([...scopes].filter((key) => !key.startsWith("-/")).map((key) => key.slice(key.indexOf("/") + 1)));
      for (const key of scopes) {
        if (key.startsWith("-/") && regionsWithAccount.has(key.slice(2))) continue;
        if (key.startsWith("-/")) unknownKept.add(key);
        let present = this.present.get(key);
        if (!present) this.present.set(key, (present = new Set()));
        kinds.forEach((kind) => present.add(kind));
      }
    }
    for (const key of this.present.keys()) if (key.startsWith("-/") && !unknownKept.has(key)) this.present.delete(key);
  }

  /** True when a scope holds a kind of data. */
  isPresent(scope: Scope, kind: DataKind): boolean {
    return this.present.get(scopeKey(scope))?.has(kind) ?? false;
  }

  get dataPresent(): ReadonlyMap<string, ReadonlySet<DataKind>> {
    return this.present;
  }

  /** Adds a load warning. */
  warn(message: string, origin?: { file: string; jsonPath: string }, resourceId?: string): void {
    this.warnings.push({ message, file: origin?.file, jsonPath: origin?.jsonPath, resourceId });
  }

  /** Records a reference to an id the snapshot does not contain. */
  addDangling(fromId: string, field: string, missingId: string, origin: { file: string; jsonPath: string }): void {
    this.dangling.push({ fromId, field, missingId, origin });
  }
}

/**
 * What a per-resource parser knows about the document it reads: where it is and which account and
 * Region it belongs to.
 */
export interface DocContext {
  builder: ModelBuilder;
  /** The scope of a record, given its own `OwnerId` (used when the path named no account). */
  scope(ownerId: string | undefined): Scope;
  /** The document's own scope (for marking data kinds present when its list is empty). */
  docScope: Scope;
  /**
   * The file name a reader may take ids from (`policies/s3/<bucket>.json`): the document's file, or for
   * a snapshot's global file the folder-layout path it was stored under.
   */
  fileName: string;
}

/** Reads the common resource fields (tags, name, origin, scope) of one record. */
export function commonFields(
  record: JsonObject,
  ctx: DocContext,
  id: string,
): { id: string; scope: Scope; name: string | undefined; tags: Record<string, string>; origin: { file: string; jsonPath: string } } {
  const { tags, name } = record.tags();
  return { id, scope: ctx.scope(record.optStr("OwnerId")), name, tags, origin: record.origin() };
}
