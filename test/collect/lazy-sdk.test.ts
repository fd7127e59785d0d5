/**
 * Only `collect` pays for loading the AWS SDK: no module reachable from the CLI's static imports may
 * import `@aws-sdk/*` for its value; src/collect loads it with `await import(...)` (type imports are
 * erased at compile time and cost nothing).
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const STATIC_SDK_IMPORT = /^\s*import\s+(?!type\b)[^;]*?from\s+["']@aws-sdk\//m;

function tsFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("lazy AWS SDK loading", () => {
  it("src/collect and src/cli import @aws-sdk/* only as types (the SDK itself is loaded with await import)", () => {
    const offenders = [...tsFiles("src/collect"), ...tsFiles("src/cli")].filter((file) => STATIC_SDK_IMPORT.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
    const sdk = readFileSync("src/collect/sdk.ts", "utf8");
    const loader = /await Promise\.all\(\[([^\]]*)\]\)/.exec(sdk)?.[1] ?? "";
    for (const client of ["client-ec2", "client-sagemaker", "client-route-53", "client-sts", "client-organizations", "client-iam", "client-s3"]) {
      expect(loader, client).toContain(`import("@aws-sdk/${client}")`);
    }
  });

  it("the collect command reaches the collector only through a dynamic import", () => {
    const command = readFileSync("src/cli/collect.ts", "utf8");
    expect(command).toMatch(/await import\("\.\.\/collect\/collect\.js"\)/);
    // Its static imports from src/collect are the policy (plain data) and types.
    const staticImports = [...command.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"(\.\.\/collect\/[^"]+)"/gm)].filter((match) => !match[1]).map((match) => match[2]);
    expect(staticImports).toEqual(["../collect/policy.js"]);
  });
});
