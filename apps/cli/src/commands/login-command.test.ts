import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCliEnvironment } from "../cli-environment";
import { runCli } from "../cli-program";

// The wiring of `hks login` in-process; the whole flow against the real platform is in
// test/login.int.test.ts.

let configDir: string;
beforeEach(async () => {
  configDir = await mkdtemp(join(tmpdir(), "hks-login-command-"));
});
afterEach(async () => {
  await rm(configDir, { recursive: true, force: true });
});

const onlyProviders: typeof globalThis.fetch = async (input) =>
  new URL(String(input)).pathname === "/auth/providers"
    ? Response.json({ providers: [{ id: "dev", name: "Dev", kind: "oidc" }] })
    : new Response(null, { status: 404 });

async function login(args: string[]) {
  let stderr = "";
  const opened: string[] = [];
  const exitCode = await runCli(["--api-url", "http://platform.test", "login", ...args], {
    environment: readCliEnvironment({ HKS_CONFIG_DIR: configDir }, "/nonexistent-home"),
    stdout: () => {},
    stderr: (text) => void (stderr += text),
    fetch: onlyProviders,
    openUrl: (url) => void opened.push(url),
  });
  return { exitCode, stderr, opened };
}

describe("hks login", () => {
  it("opens the browser at the platform's CLI sign-in URL for the only provider, and prints it too", async () => {
    const { exitCode, stderr, opened } = await login(["--timeout", "1"]);
    expect(exitCode).toBe(1);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? "");
    expect(`${url.origin}${url.pathname}`).toBe("http://platform.test/auth/login/dev");
    expect(url.searchParams.get("client")).toBe("cli");
    expect(url.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(stderr).toContain(`Opening your browser to sign in (Dev at http://platform.test):\n\n  ${url.href}\n`);
    expect(stderr).toContain("error: timed out after 1 second waiting for the browser");
  });

  it("--no-browser only prints the URL", async () => {
    const { stderr, opened } = await login(["--no-browser", "--timeout", "1"]);
    expect(opened).toEqual([]);
    expect(stderr).toContain("To sign in, open this URL in a browser on this machine (Dev at http://platform.test):");
  });

  it.each(["0", "601", "1.5", "soon"])("rejects --timeout %s", async (value) => {
    const { exitCode, stderr, opened } = await login(["--timeout", value]);
    expect(exitCode).toBe(1);
    expect(stderr).toBe(`error: invalid --timeout "${value}": expected whole seconds from 1 to 600\n`);
    expect(opened).toEqual([]);
  });
});
