/**
 * Finding: a SageMaker model without `EnableNetworkIsolation`. Its inference containers, on every
 * endpoint that hosts it, can call out to the internet (or the VPC) and get AWS credentials, so a
 * compromised or malicious image can send data away (AWS Security Hub control SageMaker.5, severity
 * medium; AWS Config rule sagemaker-model-isolation-enabled).
 * AWS doc: https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html#sagemaker-5
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";
import { describedModels } from "./support.js";

export const meta: FindingMeta = {
  id: "model-no-network-isolation",
  severity: "medium",
  control: "SageMaker.5",
  docs: {
    description: "The model's containers can make network calls (and get AWS credentials) on every endpoint that hosts it.",
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html#sagemaker-5",
  },
  message: "Model {{model}} does not have network isolation enabled",
};

/**
 * Reports every described model whose `EnableNetworkIsolation` is false.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { model, endpoints, hosts } of describedModels(index)) {
    if (model.network.networkIsolation) continue;
    findings.push(
      report(meta, {
        resource: `model/${model.id}`,
        data: { model: model.id },
        detail:
          "Its inference containers can reach the network and receive AWS credentials" +
          (hosts ? ` on ${hosts}` : "") +
          "; with network isolation SageMaker still loads the model artifacts, but the containers make no calls.",
        fix:
          "A model cannot be changed: `aws sagemaker create-model --model-name " +
          `${model.name ?? model.id}-isolated --enable-network-isolation --execution-role-arn … --primary-container …\`` +
          (endpoints.length > 0
            ? `, then a new endpoint configuration naming it and \`aws sagemaker update-endpoint --endpoint-name ${endpoints[0]} --endpoint-config-name <new config>\``
            : "") +
          ". Only if the container needs no network at inference time.",
      }),
    );
  }
  return findings;
}
