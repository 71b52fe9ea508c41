import { describe, expect, it } from "vitest";
import { describeClusterError } from "./cluster-errors";

describe("describeClusterError", () => {
  it("turns a refused connection into a sentence without the address", () => {
    const refused = Object.assign(new Error("request to https://10.0.0.7:6443/api failed, reason: connect ECONNREFUSED 10.0.0.7:6443"), { code: "ECONNREFUSED" });
    const described = describeClusterError(refused, "host");
    expect(described.message).toBe("The host cluster's API server could not be reached (ECONNREFUSED)");
    expect(described.message).not.toContain("10.0.0.7");
    expect(described.cause).toBe(refused);
  });

  it("finds the code on a wrapped cause", () => {
    const wrapped = new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "ETIMEDOUT" }) });
    expect(describeClusterError(wrapped, "virtual").message).toBe("The workspace's virtual cluster could not be reached (ETIMEDOUT)");
  });

  it("keeps the Kubernetes message of an HTTP refusal and drops the headers", () => {
    const refusal = Object.assign(new Error("HTTP-Code: 403\nMessage: ...\nHeaders: {...}"), { code: 403, body: JSON.stringify({ kind: "Status", message: 'namespaces is forbidden: User "x" cannot create' }) });
    expect(describeClusterError(refusal, "host").message).toBe('The host cluster\'s API server refused the request (HTTP 403): namespaces is forbidden: User "x" cannot create');
  });

  it("leaves other errors alone", () => {
    const other = new Error("The virtual cluster did not become ready within 90 s");
    expect(describeClusterError(other, "host")).toBe(other);
  });
});
