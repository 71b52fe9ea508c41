import { describe, expect, it } from "vitest";
import { isAuditedKubeRequest, kubeRequestInfoOf } from "./kube-request-info";

const info = (method: string, url: string) => {
  const [path = "/", query = ""] = url.split("?");
  return kubeRequestInfoOf(method, path, new URLSearchParams(query));
};

describe("kubeRequestInfoOf", () => {
  it("reads verbs the way the API server does", () => {
    expect(info("GET", "/api/v1/namespaces/alpha/pods")).toMatchObject({ verb: "list", namespace: "alpha", resource: "pods", name: "", resourceRequest: true });
    expect(info("GET", "/api/v1/namespaces/alpha/pods/web")).toMatchObject({ verb: "get", name: "web" });
    expect(info("GET", "/api/v1/namespaces/alpha/configmaps?watch=1")).toMatchObject({ verb: "watch", longRunning: true });
    expect(info("GET", "/api/v1/watch/namespaces/alpha/configmaps")).toMatchObject({ verb: "watch", namespace: "alpha", resource: "configmaps" });
    expect(info("POST", "/apis/apps/v1/namespaces/alpha/deployments")).toMatchObject({ verb: "create", apiGroup: "apps", apiVersion: "v1", resource: "deployments" });
    expect(info("PUT", "/apis/apps/v1/namespaces/alpha/deployments/web/scale")).toMatchObject({ verb: "update", name: "web", subresource: "scale" });
    expect(info("PATCH", "/api/v1/nodes/n1")).toMatchObject({ verb: "patch", namespace: "", resource: "nodes", name: "n1" });
    expect(info("DELETE", "/api/v1/namespaces/alpha/pods/web")).toMatchObject({ verb: "delete" });
    expect(info("DELETE", "/api/v1/namespaces/alpha/pods")).toMatchObject({ verb: "deletecollection" });
  });

  it("treats namespaces themselves as the resource, with their status and finalize subresources", () => {
    expect(info("GET", "/api/v1/namespaces/alpha")).toMatchObject({ resource: "namespaces", name: "alpha", namespace: "alpha" });
    expect(info("PUT", "/api/v1/namespaces/alpha/finalize")).toMatchObject({ resource: "namespaces", name: "alpha", subresource: "finalize" });
  });

  it("knows which requests stay open", () => {
    expect(info("GET", "/api/v1/namespaces/alpha/pods/web/log?follow=true").longRunning).toBe(true);
    expect(info("GET", "/api/v1/namespaces/alpha/pods/web/log").longRunning).toBe(false);
    expect(info("POST", "/api/v1/namespaces/alpha/pods/web/exec?command=sh").longRunning).toBe(true);
    expect(info("GET", "/api/v1/namespaces/alpha/pods/web/portforward").longRunning).toBe(true);
    expect(info("GET", "/api/v1/namespaces/alpha/pods").longRunning).toBe(false);
  });

  it("leaves non-resource paths as the method's name", () => {
    expect(info("GET", "/version")).toMatchObject({ verb: "get", resourceRequest: false });
    expect(info("GET", "/apis")).toMatchObject({ verb: "get", resourceRequest: false });
    expect(info("GET", "/openapi/v3/apis/apps/v1")).toMatchObject({ resourceRequest: false });
  });
});

describe("isAuditedKubeRequest", () => {
  it("audits changes and sessions into pods, not reads", () => {
    expect(isAuditedKubeRequest(info("POST", "/api/v1/namespaces/a/configmaps"), false)).toBe(true);
    expect(isAuditedKubeRequest(info("DELETE", "/api/v1/namespaces/a/pods"), false)).toBe(true);
    expect(isAuditedKubeRequest(info("GET", "/api/v1/namespaces/a/pods/web/exec?command=sh"), true)).toBe(true);
    expect(isAuditedKubeRequest(info("GET", "/api/v1/namespaces/a/pods/web/portforward"), false)).toBe(true);
    expect(isAuditedKubeRequest(info("GET", "/api/v1/namespaces/a/secrets"), false)).toBe(false);
    expect(isAuditedKubeRequest(info("GET", "/api/v1/namespaces/a/configmaps?watch=true"), false)).toBe(false);
  });
});
