import type { PolicyRule, RoleBindingResponse, RoleResponse, RoleScope, SubjectKind } from "@hks/contracts";
import type { EffectiveRule, RuleDefinition } from "./evaluation/rbac-world";
import type { RoleBindingView } from "./role-binding-service";
import type { RoleRow } from "./role-service";

// Rows become responses through these allowlists. Stored strings are narrowed to the contract's
// enums without re-validating: every row was written through the contract's schema.

export function toRoleResponse(role: RoleRow): RoleResponse {
  return {
    id: role.id,
    workspaceId: role.workspaceId,
    name: role.name,
    description: role.description,
    scope: role.scope as RoleScope,
    preset: role.preset,
    rules: role.rules.map(toPolicyRule),
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
    version: role.version,
  };
}

export function toRoleBindingResponse(binding: RoleBindingView): RoleBindingResponse {
  return {
    id: binding.id,
    workspaceId: binding.workspaceId,
    projectId: binding.projectId,
    role: { id: binding.role.id, name: binding.role.name, scope: binding.role.scope as RoleScope },
    subject: { kind: binding.subjectKind as SubjectKind, id: binding.subjectId },
    createdAt: binding.createdAt.toISOString(),
  };
}

export function toPolicyRule(rule: RuleDefinition): PolicyRule {
  return {
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    verbs: [...rule.verbs] as PolicyRule["verbs"],
    ...(rule.resourceNames ? { resourceNames: [...rule.resourceNames] } : {}),
  };
}

export function toEffectiveRuleResponse(rule: EffectiveRule) {
  return { ...toPolicyRule(rule), source: rule.source };
}
