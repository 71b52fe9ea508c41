import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src";

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig", () => {
  it("defaults to embedded mode on loopback", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("embedded");
    expect(config.http).toMatchObject({ host: "127.0.0.1", port: 8080, bodyLimitBytes: 1048576 });
    expect(config.env).toBe("development");
  });

  it("uses services mode when all three URLs are set", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@127.0.0.1:5432/db",
      REDIS_URL: "redis://127.0.0.1:6379",
      NATS_URL: "nats://127.0.0.1:4222",
    });
    expect(config.mode).toBe("services");
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
  });

  it("names a variable that is not a number", () => {
    expect(problemsOf({ HKS_PORT: "eighty" })).toEqual([
      expect.objectContaining({ variable: "HKS_PORT" }),
    ]);
  });

  it("names a URL with the wrong scheme", () => {
    const problems = problemsOf({
      DATABASE_URL: "mysql://x",
      REDIS_URL: "redis://127.0.0.1",
      NATS_URL: "nats://127.0.0.1",
    });
    expect(problems).toEqual([expect.objectContaining({ variable: "DATABASE_URL" })]);
    expect(problems[0]?.message).toContain("postgres:");
  });

  it("refuses a partial set of service URLs and names the missing ones", () => {
    const problems = problemsOf({ REDIS_URL: "redis://127.0.0.1:6379" });
    expect(problems.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "NATS_URL"]);
  });

  it("refuses embedded mode in production", () => {
    expect(problemsOf({ HKS_ENV: "production" })[0]?.variable).toBe("DATABASE_URL");
  });

  it("treats an empty URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", REDIS_URL: "", NATS_URL: "" }).mode).toBe("embedded");
  });
});

describe("HKS_TRUSTED_PROXIES", () => {
  it("parses a list of addresses and ranges", () => {
    expect(loadConfig({ HKS_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1" }).http.trustedProxies).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(loadConfig({}).http.trustedProxies).toEqual([]);
  });

  it("names the variable when an entry is not an address", () => {
    expect(problemsOf({ HKS_TRUSTED_PROXIES: "everyone" })[0]?.variable).toBe("HKS_TRUSTED_PROXIES");
  });
});

describe("HKS_LIVE_*", () => {
  it("defaults the events socket's intervals and limit, and reads them in seconds", () => {
    expect(loadConfig({}).live).toEqual({ heartbeatMs: 25_000, recheckMs: 20_000, maxConnectionsPerUser: 20 });
    expect(loadConfig({ HKS_LIVE_HEARTBEAT_SECONDS: "10", HKS_LIVE_RECHECK_SECONDS: "5", HKS_LIVE_MAX_CONNECTIONS_PER_USER: "2" }).live).toEqual({ heartbeatMs: 10_000, recheckMs: 5_000, maxConnectionsPerUser: 2 });
  });

  it("names the variable when a value is not a positive whole number", () => {
    expect(problemsOf({ HKS_LIVE_RECHECK_SECONDS: "0" })[0]?.variable).toBe("HKS_LIVE_RECHECK_SECONDS");
    expect(problemsOf({ HKS_LIVE_HEARTBEAT_SECONDS: "soon" })[0]?.variable).toBe("HKS_LIVE_HEARTBEAT_SECONDS");
  });
});
