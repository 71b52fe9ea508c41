import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cliPath = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const redirect = "http://127.0.0.1:8080/auth/callback/dev";

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", cliPath, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ stdout, stderr }) };
}

describe("dev-idp command", () => {
  it("refuses to start with HKS_ENV=production and exits non-zero", async () => {
    const { child, output } = runCli(["--port", "0", "--redirect-uri", redirect], { HKS_ENV: "production" });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(output().stderr).toMatch(/refusing to start because HKS_ENV=production/);
    expect(output().stdout).toBe("");
  });

  it("serves discovery, prints issuer and users, and stops cleanly on SIGTERM", async () => {
    const { child, output } = runCli(["--port", "0", "--client-id", "hks-local", "--client-secret", "s", "--redirect-uri", redirect], {
      HKS_ENV: "development",
    });
    const exited = once(child, "exit");
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /^issuer (\S+)$/m.exec(output().stdout);
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 50);
      child.once("exit", () => {
        clearInterval(timer);
        reject(new Error(`dev-idp exited early: ${output().stderr}`));
      });
    });
    expect(output().stdout).toContain("alice@example.com");
    expect(output().stdout).toContain("bob@example.com");
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);

    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
