import { describe, expect, it } from "vitest";
import { decideCliAction } from "../src/cli-arguments";

const redirect = "http://127.0.0.1:8080/auth/callback/dev";

describe("dev-idp command-line arguments", () => {
  it("refuses to run when HKS_ENV is production, whatever the arguments", () => {
    const decision = decideCliAction(["--redirect-uri", redirect], "production");
    expect(decision).toMatchObject({ kind: "refuse", message: expect.stringMatching(/HKS_ENV=production/) });
  });

  it("builds one client from the flags", () => {
    const decision = decideCliAction(
      ["--port", "5556", "--client-id", "hks-local", "--client-secret", "s", "--redirect-uri", redirect, "--redirect-uri", `${redirect}2`],
      "development",
    );
    expect(decision).toEqual({
      kind: "run",
      options: {
        port: 5556,
        clients: [{ clientId: "hks-local", clientSecret: "s", redirectUris: [redirect, `${redirect}2`] }],
        includeUnverifiedUser: false,
      },
    });
  });

  it("defaults to port 5556 and client hks-local, public without a secret, and can add the unverified user", () => {
    const decision = decideCliAction(["--redirect-uri", redirect, "--unverified-user"], undefined);
    expect(decision).toEqual({
      kind: "run",
      options: {
        port: 5556,
        clients: [{ clientId: "hks-local", clientSecret: undefined, redirectUris: [redirect] }],
        includeUnverifiedUser: true,
      },
    });
  });

  it("refuses a missing redirect URI, a bad port, a non-URL and unknown flags", () => {
    expect(decideCliAction([], undefined)).toMatchObject({ kind: "refuse", message: expect.stringMatching(/--redirect-uri is required/) });
    expect(decideCliAction(["--redirect-uri", redirect, "--port", "70000"], undefined)).toMatchObject({ kind: "refuse" });
    expect(decideCliAction(["--redirect-uri", "not a url"], undefined)).toMatchObject({ kind: "refuse" });
    expect(decideCliAction(["--redirect-uri", redirect, "--nope"], undefined)).toMatchObject({ kind: "refuse" });
  });

  it("shows help", () => {
    expect(decideCliAction(["--help"], undefined)).toEqual({ kind: "help" });
  });
});
