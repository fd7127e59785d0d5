/**
 * The one error type for bad user input (a malformed file, a wrong type, a missing field, an unknown
 * resource on the command line). The CLI prints `message` (which names the file, JSON path and
 * resource id) and exits with status 2, never a stack trace. Anything else thrown is a bug.
 */

export interface InputErrorLocation {
  /** The file (or folder) the bad input is in. */
  file?: string | undefined;
  /** JSONPath inside the file, e.g. `$.Subnets[3].CidrBlock`. */
  jsonPath?: string | undefined;
  /** The AWS resource id the bad value belongs to, e.g. `subnet-0abc`. */
  resourceId?: string | undefined;
}

/** Bad user input, located by file, JSON path and resource id (see the module header). */
export class InputError extends Error {
  readonly location: InputErrorLocation;

  /**
   * @param problem - what is wrong, e.g. `CidrBlock must be an IPv4 CIDR, got "10.0.0.0/33"`
   * @param location - where: file, JSON path and resource id (each optional)
   */
  constructor(problem: string, location: InputErrorLocation = {}) {
    super(formatInputError(problem, location));
    this.name = "InputError";
    this.location = location;
  }
}

/** `file: $.path (resource-id): problem`, leaving out the parts that are unknown. */
function formatInputError(problem: string, location: InputErrorLocation): string {
  const where = [location.file, location.jsonPath].filter(Boolean).join(": ");
  if (!where) return location.resourceId ? `${location.resourceId}: ${problem}` : problem;
  return `${where}${location.resourceId ? ` (${location.resourceId})` : ""}: ${problem}`;
}
