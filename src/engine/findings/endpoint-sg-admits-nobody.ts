/**
 * Finding: an interface endpoint whose security groups admit no inbound HTTPS (tcp/443). AWS service
 * endpoints listen on 443; with no inbound rule for it the endpoint exists, is billed, and serves no
 * client.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { SecurityGroup } from "../../model/types.js";
import { isLiveEndpoint, ruleAdmitsPort } from "./support.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "endpoint-sg-admits-nobody",
  severity: "medium",
  docs: {
    description: "No security group rule on the endpoint admits HTTPS, so no client can use it.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws",
  },
  message: "Interface endpoint {{endpoint}} ({{service}}) admits no inbound tcp/443",
};

/**
 * Reports every live interface endpoint whose security groups (all present in the snapshot) have no
 * inbound rule admitting tcp/443.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of index.model.vpcEndpoints.values()) {
    if (endpoint.type !== "Interface" || !isLiveEndpoint(endpoint)) continue;
    if (endpoint.securityGroupIds.length === 0) continue;
    const groups = endpoint.securityGroupIds.map((id) => index.model.securityGroups.get(id));
    // A group missing from the snapshot might hold the rule: say nothing rather than guess.
    if (groups.some((group) => group === undefined)) continue;
    const admits = (groups as SecurityGroup[]).some((group) => group.ingress.some((rule) => ruleAdmitsPort(rule, "tcp", 443)));
    if (admits) continue;
    const cidr = index.vpcCidrs(endpoint.vpcId)[0] ?? "<vpc-cidr>";
    const groupId = endpoint.securityGroupIds[0] ?? "sg-…";
    findings.push(
      report(meta, {
        resource: endpoint.id,
        data: { endpoint: endpoint.id, service: endpoint.serviceName },
        detail:
          `Its security groups (${endpoint.securityGroupIds.join(", ")}) have no inbound rule for tcp/443, ` +
          "so every connection to the endpoint's network interfaces is dropped.",
        fix:
          `\`aws ec2 authorize-security-group-ingress --group-id ${groupId} --protocol tcp --port 443 --cidr ${cidr}\` ` +
          "(or --source-group with the clients' security group).",
      }),
    );
  }
  return findings;
}
