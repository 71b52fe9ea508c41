import { describe, expect, it } from "vitest";
import { execCredentialFor } from "./exec-credential";

describe("execCredentialFor", () => {
  it("is a client.authentication.k8s.io/v1 ExecCredential with the token and an RFC 3339 expiry", () => {
    expect(execCredentialFor("eyJ.token", new Date("2030-01-02T03:04:05.678Z"))).toEqual({
      apiVersion: "client.authentication.k8s.io/v1",
      kind: "ExecCredential",
      status: { token: "eyJ.token", expirationTimestamp: "2030-01-02T03:04:05Z" },
    });
  });
});
