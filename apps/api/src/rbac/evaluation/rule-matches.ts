import type { ResourceRequest, RuleDefinition } from "./rbac-world";

const ALL = "*";

/**
 * Kubernetes RBAC's rule matching (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac), so what
 * the platform says matches what the virtual cluster's API server will enforce:
 * - `*` in verbs, apiGroups or resources matches anything (for resources, subresources too);
 * - `pods` does not cover `pods/log`; `pods/log` or `*\/log` does;
 * - resourceNames, when present, allow only requests naming one of them (so never list or create).
 */
export function ruleAllows(rule: RuleDefinition, request: ResourceRequest): boolean {
  return (
    includesOrAll(rule.verbs, request.verb) &&
    includesOrAll(rule.apiGroups, request.apiGroup) &&
    resourceMatches(rule.resources, request.resource) &&
    resourceNameMatches(rule.resourceNames, request.name)
  );
}

function includesOrAll(values: readonly string[], requested: string): boolean {
  return values.includes(ALL) || values.includes(requested);
}

function resourceMatches(ruleResources: readonly string[], requested: string): boolean {
  const slash = requested.indexOf("/");
  const subresource = slash === -1 ? "" : requested.slice(slash + 1);
  return ruleResources.some((resource) => resource === ALL || resource === requested || (subresource !== "" && resource === `*/${subresource}`));
}

function resourceNameMatches(resourceNames: readonly string[] | undefined, requested: string | undefined): boolean {
  if (!resourceNames || resourceNames.length === 0) return true;
  return requested !== undefined && requested !== "" && resourceNames.includes(requested);
}
