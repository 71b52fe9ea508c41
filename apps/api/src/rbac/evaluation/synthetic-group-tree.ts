import { presetRoles } from "../preset-roles";
import type { BindingRecord, RbacWorld, RoleDefinition } from "./rbac-world";

export interface SyntheticGroupTree {
  world: RbacWorld;
  /** A user in the deepest group (so every level of the tree applies) and a few others. */
  userId: string;
  /** The deepest project of a small project tree, so project bindings propagate through it. */
  projectId: string;
  /** The tree as built: group count and the deepest level (a root is at depth 1). */
  stats: { groups: number; depth: number; bindings: number; users: number };
}

/**
 * An in-memory workspace for timing permission evaluation: `groups` groups nested exactly `depth`
 * levels deep (a spine guarantees the depth; the rest hang at pseudo-random places, seeded so runs
 * compare), one binding per group spread over the preset roles and a custom one with
 * resourceNames, half workspace-wide and half on projects, plus other users as background.
 */
export function buildSyntheticGroupTree(options: { groups?: number; depth?: number; users?: number; seed?: number } = {}): SyntheticGroupTree {
  const groupCount = options.groups ?? 1_000;
  const maxDepth = options.depth ?? 10;
  const userCount = options.users ?? 200;
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const roles = new Map<string, RoleDefinition>(presetRoles.map((role, index) => [`role_${index}`, { id: `role_${index}`, name: role.name, rules: role.rules }]));
  roles.set("role_named", { id: "role_named", name: "read-app-config", rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["app-config"] }] });
  const roleIds = [...roles.keys()];

  const projectParents = new Map<string, string | null>();
  for (let index = 0; index < 50; index++) projectParents.set(`prj_${index}`, index < 5 ? null : `prj_${Math.floor(index / 2) - 2}`);
  const projectIds = [...projectParents.keys()];
  const deepestProject = projectIds.reduce((deepest, id) => (depthIn(projectParents, id) > depthIn(projectParents, deepest) ? id : deepest));

  const groupParents = new Map<string, string | null>();
  const depthOf = new Map<string, number>();
  const nestable: string[] = [];
  for (let index = 0; index < groupCount; index++) {
    const id = `grp_${String(index).padStart(4, "0")}`;
    // The first `maxDepth` groups form a spine from root to the deepest level.
    const parent = index === 0 ? null : index < maxDepth ? `grp_${String(index - 1).padStart(4, "0")}` : random() < 0.05 ? null : pick(nestable);
    const depth = parent === null ? 1 : (depthOf.get(parent) ?? 0) + 1;
    groupParents.set(id, parent);
    depthOf.set(id, depth);
    if (depth < maxDepth) nestable.push(id);
  }
  const groupIds = [...groupParents.keys()];

  const bindings: BindingRecord[] = groupIds.map((id, index) => ({
    id: `rb_${index}`,
    roleId: pick(roleIds),
    projectId: index % 2 === 0 ? null : pick(projectIds),
    subject: { kind: "group", id },
  }));

  const userId = "usr_subject";
  const spineLeaf = `grp_${String(maxDepth - 1).padStart(4, "0")}`;
  const userGroups = new Map<string, string[]>([[userId, [spineLeaf, pick(groupIds), pick(groupIds), pick(groupIds)]]]);
  for (let index = 0; index < userCount; index++) userGroups.set(`usr_${index}`, [pick(groupIds), pick(groupIds), pick(groupIds)]);
  bindings.push({ id: "rb_user_1", roleId: "role_named", projectId: deepestProject, subject: { kind: "user", id: userId } });
  bindings.push({ id: "rb_user_2", roleId: pick(roleIds), projectId: null, subject: { kind: "user", id: userId } });

  return {
    world: { roles, bindings, groupParents, userGroups, projectParents },
    userId,
    projectId: deepestProject,
    stats: { groups: groupCount, depth: Math.max(...depthOf.values()), bindings: bindings.length, users: userGroups.size },
  };
}

function depthIn(parents: ReadonlyMap<string, string | null>, id: string): number {
  let depth = 0;
  for (let current: string | null | undefined = id; typeof current === "string"; current = parents.get(current)) depth++;
  return depth;
}

/** mulberry32: tiny, deterministic, good enough to scatter a fixture. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
