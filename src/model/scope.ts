/**
 * Where a model record lives and came from: its scope (account and Region), its origin in the user's
 * input, the fields every AWS resource record shares, and the keys records are filed under when a
 * name is used in several scopes.
 */

/** Where a resource lives. `account` is undefined when neither a folder name nor `OwnerId` gave one. */
export interface Scope {
  account: string | undefined;
  region: string;
}

/** Where a record came from in the user's input, for error messages and evidence. */
export interface Origin {
  /** File the record was read from (a describe-* JSON file or a snapshot file). */
  file: string;
  /** JSONPath of the record inside that file, e.g. `$.RouteTables[2]`. */
  jsonPath: string;
}

export interface Resource {
  id: string;
  scope: Scope;
  /** Value of the `Name` tag, when there is one. */
  name: string | undefined;
  tags: Record<string, string>;
  origin: Origin;
}


/**
 * `ACCOUNT/REGION/NAME`: the id of a named resource (a notebook, a SageMaker job, model, endpoint
 * configuration or endpoint) whose name is used in several accounts or Regions, `-` standing for
 * an unknown account.
 *
 * @param scope - where the resource lives
 * @param name - its name
 */
export function scopedName(scope: Scope, name: string): string {
  return `${scope.account ?? "-"}/${scope.region}/${name}`;
}

/**
 * The record a name refers to from inside a scope (an endpoint's configuration, a production
 * variant's model), in a map keyed by name, or by `ACCOUNT/REGION/NAME` for a name used in several
 * scopes (see `scopedName`). A record of that name in another scope is not it: SageMaker
 * resources are referred to by name within their own account and Region.
 *
 * @param records - the records, keyed as above
 * @param scope - where the reference is made
 * @param name - the name referred to
 */
export function namedIn<T extends { scope: Scope }>(records: ReadonlyMap<string, T>, scope: Scope, name: string): T | undefined {
  const record = records.get(name) ?? records.get(scopedName(scope, name));
  return record && scopeKey(record.scope) === scopeKey(scope) ? record : undefined;
}

/** The key of a scope in `Model.dataPresent`: `account/region`, `-` standing for an unknown account. */
export function scopeKey(scope: Scope): string {
  return `${scope.account ?? "-"}/${scope.region}`;
}

/** The key of a Studio user profile or space in its model map: `DOMAIN_ID/NAME`. */
export function studioKey(domainId: string, name: string): string {
  return `${domainId}/${name}`;
}

/** The key of a scope's VPC Block Public Access settings in `Model.blockPublicAccessOptions`. */
export function bpaOptionsId(scope: Scope): string {
  return `bpa-options:${scopeKey(scope)}`;
}
