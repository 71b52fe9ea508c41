import type { Subject } from "@hks/contracts";
import type { Database } from "@hks/db";
import type { Authorizer } from "../authorization/authorizer";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { workspaceScopeOf } from "../groups/workspace-scope";
import { canI } from "./evaluation/can-i";
import { evaluatePermissions } from "./evaluation/evaluate-permissions";
import type { ResourceRequest } from "./evaluation/rbac-world";
import { whoCan } from "./evaluation/who-can";
import { loadPlaceWorld, loadSubjectWorld } from "./rbac-world-loader";
import { requireSubject } from "./subject-lookup";

/**
 * Answers questions about Kubernetes permissions in a workspace — what a subject can do, whether
 * it can do one thing, who can — by loading the relevant bindings and evaluating them with the
 * pure functions in `evaluation/`, the same semantics the virtual cluster will enforce.
 */
export function createPermissionService(deps: { db: Database; authorizer: Authorizer }) {
  const { db, authorizer } = deps;

  /** A project named in the query must be one the caller can read bindings of (404 otherwise). */
  async function placeOf(access: ResolvedAccess, actorUserId: string, projectId: string | undefined): Promise<string | null> {
    if (projectId === undefined) return null;
    await authorizer.authorize(actorUserId, "role-binding:read", { ...workspaceScopeOf(access), projectId });
    return projectId;
  }

  return {
    async permissionsOf(access: ResolvedAccess, actorUserId: string, subject: Subject, projectId: string | undefined) {
      const scope = workspaceScopeOf(access);
      const place = await placeOf(access, actorUserId, projectId);
      await requireSubject(db, scope, subject, "params.subjectId");
      const world = await loadSubjectWorld(db, scope.workspaceId, subject, place);
      return { subject, projectId: place, ...evaluatePermissions(world, { subject, projectId: place }) };
    },

    async canI(access: ResolvedAccess, actorUserId: string, input: { subject: Subject; request: ResourceRequest; projectId: string | undefined }) {
      const scope = workspaceScopeOf(access);
      const place = await placeOf(access, actorUserId, input.projectId);
      await requireSubject(db, scope, input.subject, "query.subject");
      const world = await loadSubjectWorld(db, scope.workspaceId, input.subject, place);
      return canI(world, { subject: input.subject, request: input.request, projectId: place });
    },

    async whoCan(access: ResolvedAccess, actorUserId: string, input: { request: ResourceRequest; projectId: string | undefined }) {
      const { workspaceId } = workspaceScopeOf(access);
      const place = await placeOf(access, actorUserId, input.projectId);
      const world = await loadPlaceWorld(db, workspaceId, place);
      return whoCan(world, { request: input.request, projectId: place });
    },
  };
}

export type PermissionService = ReturnType<typeof createPermissionService>;
