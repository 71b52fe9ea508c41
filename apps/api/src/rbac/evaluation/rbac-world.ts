import type { RuleSource, Subject } from "@hks/contracts";
import type { ParentMap } from "../../groups/group-tree";

/**
 * A Kubernetes policy rule. Plain strings rather than the contract's verb enum: evaluation takes
 * rules as stored, and a verb it does not know simply matches nothing.
 */
export interface RuleDefinition {
  apiGroups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
  resourceNames?: readonly string[] | undefined;
}

/** A role as evaluation needs it. */
export interface RoleDefinition {
  id: string;
  name: string;
  rules: readonly RuleDefinition[];
}

/** A binding as evaluation needs it; `projectId` null means workspace-wide. */
export interface BindingRecord {
  id: string;
  roleId: string;
  projectId: string | null;
  subject: Subject;
}

/**
 * Everything permission evaluation reads about one workspace, as plain data. The services load
 * the part a question needs from PostgreSQL; benchmarks and unit tests build it in memory.
 */
export interface RbacWorld {
  roles: ReadonlyMap<string, RoleDefinition>;
  bindings: readonly BindingRecord[];
  /** Every group of the workspace (or at least the ones the question touches) and its parent. */
  groupParents: ParentMap;
  /** Direct group memberships by user id; inherited ones are derived from `groupParents`. */
  userGroups: ReadonlyMap<string, readonly string[]>;
  /** Projects and their parents, so a binding on a project reaches its descendants. */
  projectParents: ParentMap;
}

/** A Kubernetes API request, as `kubectl auth can-i` states it. `resource` may be `pods/log`. */
export interface ResourceRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  name?: string | undefined;
}

/** Where a question is asked: a project (namespace) or, with null, the whole workspace. */
export interface Place {
  projectId: string | null;
}

export interface EffectiveRule extends RuleDefinition {
  source: RuleSource;
}
