import type { RuleSource } from "@hks/contracts";
import { childrenIndex, subtreeOf } from "../../groups/group-tree";
import { bindingsApplyingAt } from "./evaluate-permissions";
import type { Place, RbacWorld, ResourceRequest } from "./rbac-world";
import { ruleAllows } from "./rule-matches";

export interface WhoCanAnswer {
  users: { userId: string; via: RuleSource[] }[];
  groups: { groupId: string; via: RuleSource[] }[];
}

/**
 * Everyone who may make a request at a place. A binding to a group reaches the group, every group
 * below it (their members count as its members) and the members of all of those.
 */
export function whoCan(world: RbacWorld, input: { request: ResourceRequest } & Place): WhoCanAnswer {
  const users = new Map<string, RuleSource[]>();
  const groups = new Map<string, RuleSource[]>();
  const add = (into: Map<string, RuleSource[]>, id: string, source: RuleSource) => {
    const via = into.get(id);
    if (!via) into.set(id, [source]);
    else if (!via.some((known) => known.bindingId === source.bindingId)) via.push(source);
  };

  const children = childrenIndex(world.groupParents);
  const membersOf = invert(world.userGroups);
  for (const binding of bindingsApplyingAt(world, input)) {
    const role = world.roles.get(binding.roleId);
    if (!role || !role.rules.some((rule) => ruleAllows(rule, input.request))) continue;
    const source = { bindingId: binding.id, roleId: role.id, roleName: role.name, projectId: binding.projectId, subject: binding.subject };
    if (binding.subject.kind === "user") {
      add(users, binding.subject.id, source);
      continue;
    }
    for (const groupId of subtreeOf(children, binding.subject.id)) {
      add(groups, groupId, source);
      for (const userId of membersOf.get(groupId) ?? []) add(users, userId, source);
    }
  }
  return {
    users: byId(users).map(([userId, via]) => ({ userId, via })),
    groups: byId(groups).map(([groupId, via]) => ({ groupId, via })),
  };
}

function invert(userGroups: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const [userId, groupIds] of userGroups) {
    for (const groupId of groupIds) {
      const list = members.get(groupId);
      if (list) list.push(userId);
      else members.set(groupId, [userId]);
    }
  }
  return members;
}

const byId = (map: Map<string, RuleSource[]>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
