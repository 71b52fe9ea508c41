import type { RuleSource, Subject } from "@hks/contracts";
import { evaluatePermissions } from "./evaluate-permissions";
import type { Place, RbacWorld, ResourceRequest } from "./rbac-world";
import { ruleAllows } from "./rule-matches";

export interface CanIAnswer {
  allowed: boolean;
  reason: string;
  matched: RuleSource[];
}

/** "May this subject make this request here?", with the bindings that allow it. */
export function canI(world: RbacWorld, input: { subject: Subject; request: ResourceRequest } & Place): CanIAnswer {
  const { rules } = evaluatePermissions(world, input);
  const matched = new Map<string, RuleSource>();
  for (const rule of rules) if (ruleAllows(rule, input.request) && !matched.has(rule.source.bindingId)) matched.set(rule.source.bindingId, rule.source);
  const sources = [...matched.values()];
  return { allowed: sources.length > 0, reason: explain(input, sources), matched: sources };
}

function explain(input: { subject: Subject; request: ResourceRequest } & Place, sources: RuleSource[]): string {
  const { verb, resource, apiGroup, name } = input.request;
  const what = `${verb} ${resource}${apiGroup ? `.${apiGroup}` : ""}${name ? ` "${name}"` : ""}`;
  const where = input.projectId ? `in project ${input.projectId}` : "workspace-wide";
  const [first] = sources;
  if (!first) return `No role bound to ${input.subject.kind} ${input.subject.id} (directly or through its groups) allows ${what} ${where}`;
  const bound = first.projectId ? `on project ${first.projectId}` : "workspace-wide";
  const more = sources.length > 1 ? ` (and ${sources.length - 1} more binding(s))` : "";
  return `Allowed by role "${first.roleName}" bound to ${first.subject.kind} ${first.subject.id} ${bound}${more}`;
}
