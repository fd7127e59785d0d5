/**
 * The least-privilege policy (its actions are real API operations, and the documented policy is the
 * printed one), account detection from OwnerId/ARNs, and the concurrency limiter.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as ec2 from "@aws-sdk/client-ec2";
import * as sagemaker from "@aws-sdk/client-sagemaker";
import * as route53 from "@aws-sdk/client-route-53";
import * as iam from "@aws-sdk/client-iam";
import * as s3 from "@aws-sdk/client-s3";
import * as organizations from "@aws-sdk/client-organizations";
import { collectActions, collectPolicy, EC2_OPERATIONS, IDENTITY_OPERATIONS, ROUTE53_OPERATIONS, SAGEMAKER_OPERATIONS } from "../../src/collect/policy.js";
import { detectAccount } from "../../src/collect/account.js";
import { createLimiter } from "../../src/collect/limit.js";

describe("collect policy", () => {
  it("names only real, read-only EC2, SageMaker, Route 53, IAM, S3 and Organizations operations, each once", () => {
    for (const operation of EC2_OPERATIONS) expect(typeof (ec2 as Record<string, unknown>)[`${operation}Command`], operation).toBe("function");
    for (const operation of SAGEMAKER_OPERATIONS) expect(typeof (sagemaker as Record<string, unknown>)[`${operation}Command`], operation).toBe("function");
    for (const operation of ROUTE53_OPERATIONS) expect(typeof (route53 as Record<string, unknown>)[`${operation}Command`], operation).toBe("function");
    const modules: Record<string, object> = { iam, s3, organizations };
    for (const call of IDENTITY_OPERATIONS) expect(typeof (modules[call.service] as Record<string, unknown>)[`${call.operation}Command`], call.operation).toBe("function");
    const actions = collectActions();
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.every((action) => /^(ec2|sagemaker|route53|iam|s3|organizations):(Describe|List|Get|Search)/.test(action))).toBe(true);
    // S3's ListBuckets is authorized by s3:ListAllMyBuckets (Service Authorization Reference).
    expect(actions).toContain("s3:ListAllMyBuckets");
    expect(collectActions({ identity: false }).some((action) => /^(iam|s3|organizations):/.test(action))).toBe(false);
  });

  it("with several accounts, adds only what the caller needs: assume the named role, and list accounts for --organization", () => {
    const listed = collectPolicy({ roleName: "audit/vpcreach", organization: false });
    expect(listed.Statement[1]).toEqual({ Sid: "VpcreachCollectAssumeRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "arn:aws:iam::*:role/audit/vpcreach" });
    const organization = collectPolicy({ roleName: "vpcreach", organization: true });
    // Each account's role reads IAM and S3; the caller reads the Organization's policies once.
    expect(organization.Statement.map((statement) => statement.Action)).toEqual([
      collectActions({ multiAccount: true }),
      ["sts:AssumeRole"],
      ["organizations:ListAccounts"],
      collectActions().filter((action) => action.startsWith("organizations:")),
    ]);
    expect(collectPolicy({ roleName: "vpcreach", organization: false }, false).Statement.map((statement) => statement.Sid)).toEqual(["VpcreachCollectReadOnly", "VpcreachCollectAssumeRole"]);
  });

  it("is the policy docs/collect.md shows", () => {
    const markdown = readFileSync("docs/collect.md", "utf8");
    const block = /## Permissions[\s\S]*?```json\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(block && JSON.parse(block)).toEqual(collectPolicy());
  });
});

describe("detectAccount", () => {
  it("prefers the account's own resources over a VPC shared from another account", () => {
    const documents = [
      { Vpcs: [{ VpcId: "vpc-1", OwnerId: "999999999999" }] },
      { Subnets: [{ SubnetId: "subnet-1", OwnerId: "999999999999" }] },
      { SecurityGroups: [{ GroupId: "sg-1", OwnerId: "111122223333" }] },
    ];
    expect(detectAccount(documents)).toBe("111122223333");
  });

  it("uses SageMaker ARNs, falls back to VPC owners, and is undefined when nothing names an account", () => {
    expect(detectAccount([{ NotebookInstanceArn: "arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/a" }])).toBe("444455556666");
    expect(detectAccount([{ Vpcs: [{ OwnerId: "777788889999" }] }])).toBe("777788889999");
    expect(detectAccount([{ Vpcs: [] }, { PrefixLists: [{ OwnerId: "AWS" }] }])).toBeUndefined();
  });
});

describe("createLimiter", () => {
  it("never runs more tasks at once than its slots, and runs them all", async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const task = async (value: number) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
      return value;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => limit(() => task(index))));
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(peak).toBe(3);
  });
});
