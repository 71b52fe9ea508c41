import type { BindingRecord, RbacWorld, RoleDefinition } from "./rbac-world";

/**
 * A small workspace for the evaluation tables:
 *
 *   groups   eng ─ platform ─ sre        design
 *   projects shop ─ shop-api ─ canary    blog
 *   users    alice ∈ sre, carol ∈ eng, bob ∈ design, dave (no groups)
 */
const roles: RoleDefinition[] = [
  { id: "view", name: "view", rules: [{ apiGroups: ["", "apps"], resources: ["pods", "deployments"], verbs: ["get", "list", "watch"] }] },
  { id: "edit", name: "edit", rules: [{ apiGroups: ["", "apps"], resources: ["pods", "deployments"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] }] },
  { id: "cluster-admin", name: "cluster-admin", rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] },
  { id: "db-secret", name: "db-secret-reader", rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["db"] }] },
  { id: "logs", name: "log-reader", rules: [{ apiGroups: [""], resources: ["pods/log"], verbs: ["get"] }] },
];

const bindings: BindingRecord[] = [
  { id: "b1-view-eng-shop", roleId: "view", projectId: "shop", subject: { kind: "group", id: "eng" } },
  { id: "b2-edit-sre-shop-api", roleId: "edit", projectId: "shop-api", subject: { kind: "group", id: "sre" } },
  { id: "b3-admin-dave", roleId: "cluster-admin", projectId: null, subject: { kind: "user", id: "dave" } },
  { id: "b4-secret-platform", roleId: "db-secret", projectId: null, subject: { kind: "group", id: "platform" } },
  { id: "b5-logs-bob-blog", roleId: "logs", projectId: "blog", subject: { kind: "user", id: "bob" } },
];

export const exampleWorld: RbacWorld = {
  roles: new Map(roles.map((role) => [role.id, role])),
  bindings,
  groupParents: new Map([
    ["eng", null],
    ["platform", "eng"],
    ["sre", "platform"],
    ["design", null],
  ]),
  userGroups: new Map([
    ["alice", ["sre"]],
    ["carol", ["eng"]],
    ["bob", ["design"]],
  ]),
  projectParents: new Map([
    ["shop", null],
    ["shop-api", "shop"],
    ["canary", "shop-api"],
    ["blog", null],
  ]),
};
