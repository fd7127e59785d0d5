/**
 * Finding: a SageMaker model without `VpcConfig` and without network isolation. Endpoints hosting it
 * run its containers in SageMaker's managed network, which reaches the internet: no security group,
 * NACL, VPC endpoint or flow log of yours applies (AWS Config rule sagemaker-model-in-vpc; Security
 * Hub has no control for it). An isolated model makes no calls, so where it runs does not matter.
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";
import { describedModels } from "./support.js";

export const meta: FindingMeta = {
  id: "model-outside-vpc",
  severity: "high",
  control: "AWS Config sagemaker-model-in-vpc",
  docs: {
    description: "The model's containers run in SageMaker's managed network with internet access, outside the controls of your VPC.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html",
  },
  message: "Model {{model}} runs outside a VPC, with internet access",
};

/**
 * Reports every described model with neither `VpcConfig` nor network isolation.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { model, hosts } of describedModels(index)) {
    if (model.network.vpcConfig || model.network.networkIsolation) continue;
    findings.push(
      report(meta, {
        resource: `model/${model.id}`,
        data: { model: model.id },
        detail:
          `Without VpcConfig the containers${hosts ? ` of ${hosts}` : ""} ` +
          "run in SageMaker's managed network and reach the internet, bypassing your security groups, NACLs, VPC endpoints and flow logs.",
        fix:
          "A model cannot be changed: `aws sagemaker create-model --model-name " +
          `${model.name ?? model.id}-vpc --vpc-config Subnets=subnet-<private>,SecurityGroupIds=sg-… --execution-role-arn … --primary-container …\`, ` +
          "point a new endpoint configuration at it and `aws sagemaker update-endpoint`; give the subnets VPC endpoints (S3 gateway, ECR, CloudWatch Logs) or a NAT gateway for what the container needs.",
      }),
    );
  }
  return findings;
}
