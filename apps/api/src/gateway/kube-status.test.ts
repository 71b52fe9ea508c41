import { AppError } from "@hks/contracts";
import { describe, expect, it } from "vitest";
import { gatewayRefusals, kubeStatus, kubeStatusOf } from "./kube-status";

describe("Kubernetes Status answers", () => {
  it("have the shape kubectl reads, with the reason matching the code", () => {
    expect(kubeStatus(403, "no")).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "no", reason: "Forbidden", code: 403 });
    expect(kubeStatusOf(gatewayRefusals.unauthorized())).toMatchObject({ code: 401, reason: "Unauthorized" });
    expect(kubeStatusOf(gatewayRefusals.workspaceNotFound())).toMatchObject({ code: 404, reason: "NotFound", message: "workspace not found" });
    expect(kubeStatusOf(gatewayRefusals.notRunning())).toMatchObject({ code: 503, reason: "ServiceUnavailable", message: "the workspace's virtual cluster is not running" });
  });

  it("carries Retry-After for rate limits and maps the platform's timeout to 504", () => {
    expect(kubeStatusOf(new AppError("RATE_LIMITED", "slow down"), 12)).toMatchObject({ code: 429, reason: "TooManyRequests", details: { retryAfterSeconds: 12 } });
    expect(kubeStatusOf(new AppError("TIMEOUT", "too slow"))).toMatchObject({ code: 504, reason: "Timeout" });
  });

  it("says nothing about internals", () => {
    for (const refusal of Object.values(gatewayRefusals)) expect(refusal().message).not.toMatch(/127\.0\.0\.1|https?:\/\/|certificate|admin/i);
  });
});
