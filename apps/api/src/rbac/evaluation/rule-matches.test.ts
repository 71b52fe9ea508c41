import { describe, expect, it } from "vitest";
import type { ResourceRequest, RuleDefinition } from "./rbac-world";
import { ruleAllows } from "./rule-matches";

const rule = (overrides: Partial<RuleDefinition>): RuleDefinition => ({ apiGroups: [""], resources: ["pods"], verbs: ["get"], ...overrides });
const request = (overrides: Partial<ResourceRequest>): ResourceRequest => ({ verb: "get", apiGroup: "", resource: "pods", ...overrides });

// Kubernetes RBAC semantics, case by case (plugin/pkg/auth/authorizer/rbac/rbac.go).
describe("ruleAllows", () => {
  it.each<[string, RuleDefinition, ResourceRequest, boolean]>([
    ["exact match", rule({}), request({}), true],
    ["other verb", rule({}), request({ verb: "delete" }), false],
    ["verb wildcard", rule({ verbs: ["*"] }), request({ verb: "deletecollection" }), true],
    ["core group is the empty string", rule({ apiGroups: [""] }), request({ apiGroup: "apps" }), false],
    ["apiGroup wildcard", rule({ apiGroups: ["*"], resources: ["deployments"] }), request({ apiGroup: "apps", resource: "deployments" }), true],
    ["named group", rule({ apiGroups: ["apps"], resources: ["deployments"] }), request({ apiGroup: "apps", resource: "deployments" }), true],
    ["resource wildcard covers everything", rule({ resources: ["*"] }), request({ resource: "secrets" }), true],
    ["resource wildcard covers subresources", rule({ resources: ["*"] }), request({ resource: "pods/log" }), true],
    ["a resource does not cover its subresources", rule({ resources: ["pods"] }), request({ resource: "pods/log" }), false],
    ["an exact subresource", rule({ resources: ["pods/log"] }), request({ resource: "pods/log" }), true],
    ["a subresource does not cover its resource", rule({ resources: ["pods/log"] }), request({ resource: "pods" }), false],
    ["*/subresource covers that subresource of anything", rule({ apiGroups: ["*"], resources: ["*/scale"] }), request({ apiGroup: "apps", resource: "deployments/scale" }), true],
    ["*/subresource does not cover other subresources", rule({ resources: ["*/scale"] }), request({ resource: "pods/log" }), false],
    ["*/subresource does not cover the resource", rule({ resources: ["*/scale"] }), request({ resource: "deployments" }), false],
    ["resourceNames allow a named request", rule({ resources: ["configmaps"], resourceNames: ["app"] }), request({ resource: "configmaps", name: "app" }), true],
    ["resourceNames refuse other names", rule({ resources: ["configmaps"], resourceNames: ["app"] }), request({ resource: "configmaps", name: "other" }), false],
    ["resourceNames refuse unnamed requests (list, create)", rule({ resources: ["configmaps"], verbs: ["list"], resourceNames: ["app"] }), request({ resource: "configmaps", verb: "list" }), false],
    ["an empty resourceNames list is no restriction", rule({ resourceNames: [] }), request({ name: "anything" }), true],
    ["no resourceNames: any name", rule({}), request({ name: "anything" }), true],
    ["a requested '*' verb needs a '*' rule", rule({ verbs: ["get", "list"] }), request({ verb: "*" }), false],
  ])("%s", (_name, given, asked, allowed) => {
    expect(ruleAllows(given, asked)).toBe(allowed);
  });
});
