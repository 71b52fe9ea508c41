import type { Subject } from "@hks/contracts";
import { describe, expect, it } from "vitest";
import { canI } from "./can-i";
import { evaluatePermissions } from "./evaluate-permissions";
import { exampleWorld as world } from "./example-world";
import type { ResourceRequest } from "./rbac-world";
import { whoCan } from "./who-can";

const user = (id: string): Subject => ({ kind: "user", id });
const group = (id: string): Subject => ({ kind: "group", id });
const ask = (verb: string, resource: string, apiGroup = "", name?: string): ResourceRequest => ({ verb, resource, apiGroup, name });

describe("canI over the example world (see example-world.ts)", () => {
  it.each<[string, Subject, string | null, ResourceRequest, string[]]>([
    ["group and project bindings both reach a grandchild project", user("alice"), "canary", ask("get", "pods"), ["b1-view-eng-shop", "b2-edit-sre-shop-api"]],
    ["a project binding does not reach the parent project", user("alice"), "shop", ask("create", "deployments", "apps"), []],
    ["a child group's binding applies on its project", user("alice"), "shop-api", ask("create", "deployments", "apps"), ["b2-edit-sre-shop-api"]],
    ["no binding on an unrelated project", user("alice"), "blog", ask("get", "pods"), []],
    ["an ancestor group's workspace-wide binding, named object", user("alice"), null, ask("get", "secrets", "", "db"), ["b4-secret-platform"]],
    ["resourceNames refuse another object", user("alice"), null, ask("get", "secrets", "", "other"), []],
    ["resourceNames refuse an unnamed request", user("alice"), null, ask("get", "secrets"), []],
    ["membership inherits up, never down: a parent group's member lacks the child's grant", user("carol"), "shop-api", ask("create", "deployments", "apps"), []],
    ["a parent group's member has the parent's grant", user("carol"), "shop", ask("get", "pods"), ["b1-view-eng-shop"]],
    ["nor does a descendant group's workspace-wide grant reach the parent's member", user("carol"), null, ask("get", "secrets", "", "db"), []],
    ["a group acts with its ancestors' grants", group("platform"), "canary", ask("get", "pods"), ["b1-view-eng-shop"]],
    ["but not with its descendants'", group("platform"), "shop-api", ask("create", "deployments", "apps"), []],
    ["a group's own binding", group("sre"), "shop-api", ask("create", "deployments", "apps"), ["b2-edit-sre-shop-api"]],
    ["a workspace-wide binding applies in every project", user("dave"), "blog", ask("delete", "secrets"), ["b3-admin-dave"]],
    ["and to the workspace as a whole", user("dave"), null, ask("create", "namespaces"), ["b3-admin-dave"]],
    ["a subresource grant", user("bob"), "blog", ask("get", "pods/log"), ["b5-logs-bob-blog"]],
    ["does not grant the resource itself", user("bob"), "blog", ask("get", "pods"), []],
    ["a project binding does not apply to the workspace as a whole", user("bob"), null, ask("get", "pods/log"), []],
    ["a user with no groups and no bindings", user("nobody"), "shop", ask("get", "pods"), []],
  ])("%s", (_name, subject, projectId, request, matched) => {
    const answer = canI(world, { subject, projectId, request });
    expect(answer.matched.map((source) => source.bindingId).sort()).toEqual(matched);
    expect(answer.allowed).toBe(matched.length > 0);
  });

  it("explains its answer", () => {
    expect(canI(world, { subject: user("alice"), projectId: "shop-api", request: ask("create", "deployments", "apps") }).reason).toBe(
      'Allowed by role "edit" bound to group sre on project shop-api',
    );
    expect(canI(world, { subject: user("alice"), projectId: "blog", request: ask("get", "pods") }).reason).toBe(
      "No role bound to user alice (directly or through its groups) allows get pods in project blog",
    );
  });
});

describe("evaluatePermissions", () => {
  it("lists every rule with the binding and role it came from", () => {
    const { groups, rules } = evaluatePermissions(world, { subject: user("alice"), projectId: "canary" });
    expect(groups).toEqual(["eng", "platform", "sre"]);
    expect(rules.map((rule) => `${rule.source.bindingId}:${rule.source.roleName}`)).toEqual([
      "b1-view-eng-shop:view",
      "b2-edit-sre-shop-api:edit",
      "b4-secret-platform:db-secret-reader",
    ]);
    expect(rules[0]).toMatchObject({ verbs: ["get", "list", "watch"], source: { projectId: "shop", subject: { kind: "group", id: "eng" } } });
  });

  it("at the workspace level only workspace-wide bindings count", () => {
    expect(evaluatePermissions(world, { subject: user("alice"), projectId: null }).rules.map((rule) => rule.source.bindingId)).toEqual(["b4-secret-platform"]);
  });

  it("a group subject acts as itself and its ancestors", () => {
    expect(evaluatePermissions(world, { subject: group("sre"), projectId: null }).groups).toEqual(["sre", "platform", "eng"]);
  });
});

describe("whoCan", () => {
  it("expands group bindings to descendant groups and all their members", () => {
    const answer = whoCan(world, { projectId: "canary", request: ask("get", "pods") });
    expect(answer.users.map((entry) => [entry.userId, entry.via.map((source) => source.bindingId)])).toEqual([
      ["alice", ["b1-view-eng-shop", "b2-edit-sre-shop-api"]],
      ["carol", ["b1-view-eng-shop"]],
      ["dave", ["b3-admin-dave"]],
    ]);
    expect(answer.groups.map((entry) => entry.groupId)).toEqual(["eng", "platform", "sre"]);
  });

  it("respects resourceNames and place", () => {
    const answer = whoCan(world, { projectId: null, request: ask("get", "secrets", "", "db") });
    expect(answer.users.map((entry) => entry.userId)).toEqual(["alice", "dave"]);
    expect(answer.groups.map((entry) => entry.groupId)).toEqual(["platform", "sre"]);
  });

  it("agrees with canI for every subject, place and request", () => {
    const subjects = [...["alice", "bob", "carol", "dave"].map(user), ...["eng", "platform", "sre", "design"].map(group)];
    const requests = [ask("get", "pods"), ask("create", "deployments", "apps"), ask("get", "secrets", "", "db"), ask("get", "pods/log"), ask("delete", "nodes")];
    for (const projectId of [null, "shop", "shop-api", "canary", "blog"]) {
      for (const request of requests) {
        const answer = whoCan(world, { projectId, request });
        const listed = new Set([...answer.users.map((entry) => `user:${entry.userId}`), ...answer.groups.map((entry) => `group:${entry.groupId}`)]);
        for (const subject of subjects) {
          const allowed = canI(world, { subject, projectId, request }).allowed;
          expect({ subject, projectId, request, allowed }).toEqual({ subject, projectId, request, allowed: listed.has(`${subject.kind}:${subject.id}`) });
        }
      }
    }
  });
});
