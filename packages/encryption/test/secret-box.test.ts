import { randomBytes } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSecretBox, resolveMasterKey } from "../src";

describe("SecretBox", () => {
  const box = createSecretBox(randomBytes(32));

  it("opens what it sealed, in the same context", () => {
    const sealed = box.seal("-----BEGIN PRIVATE KEY-----", "signing-key:k1");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain("PRIVATE");
    expect(box.open(sealed, "signing-key:k1").toString()).toBe("-----BEGIN PRIVATE KEY-----");
  });

  it("uses a fresh IV every time", () => {
    expect(box.seal("same", "c")).not.toBe(box.seal("same", "c"));
  });

  it("refuses a ciphertext moved to another context", () => {
    const sealed = box.seal("secret", "signing-key:k1");
    expect(() => box.open(sealed, "signing-key:k2")).toThrow("failed authentication");
  });

  it("refuses tampered data", () => {
    const parts = box.seal("secret", "c").split(".");
    const ciphertext = Buffer.from(parts[4] ?? "", "base64url");
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[4] = ciphertext.toString("base64url");
    expect(() => box.open(parts.join("."), "c")).toThrow("failed authentication");
  });

  it("names the key mismatch when opened with another master key", () => {
    const sealed = box.seal("secret", "c");
    expect(() => createSecretBox(randomBytes(32)).open(sealed, "c")).toThrow(/sealed with master key [0-9a-f]{8}/);
  });

  it("refuses a master key of the wrong size", () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow("exactly 32 bytes");
  });
});

describe("resolveMasterKey", () => {
  it("generates a key once outside production and reuses it, readable only by the owner", () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), "hks-key-"));
    const first = resolveMasterKey({ configured: undefined, env: "development", stateDir });
    const second = resolveMasterKey({ configured: undefined, env: "development", stateDir });
    expect(first.key.equals(second.key)).toBe(true);
    expect(first.source).toBe("state-dir");
    expect(statSync(path.join(stateDir, "master.key")).mode & 0o777).toBe(0o600);
  });

  it("refuses to invent a key in production", () => {
    expect(() => resolveMasterKey({ configured: undefined, env: "production", stateDir: "/nonexistent" })).toThrow("HKS_MASTER_KEY is required");
  });

  it("prefers the configured key", () => {
    const configured = randomBytes(32);
    expect(resolveMasterKey({ configured, env: "production", stateDir: "/nonexistent" }).key).toBe(configured);
  });
});
