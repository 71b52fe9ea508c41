import { AppError, type PlatformEvent } from "@hks/contracts";
import type { SessionLiveness } from "../auth/sessions/session-liveness";
import type { Authorizer } from "../authorization/authorizer";

/** Why a socket may no longer stay open, or null while it may. */
export type AccessVerdict = null | { code: "SESSION_ENDED" | "ACCESS_REVOKED"; reason: string };

/** What a user must be able to read to see an event, beyond membership of its organization. */
export type EventVisibility = { action: "project:read"; workspaceId: string; projectId: string } | { action: "workspace:read"; workspaceId: string } | null;

/**
 * The same rule as reading what the event is about over HTTP: a project's status needs the
 * project (a project member does not see its siblings), anything else in a workspace needs the
 * workspace (a task of a workspace is read with `workspace:read`), organization-wide events need
 * nothing more than membership.
 */
export function visibilityOf(event: PlatformEvent): EventVisibility {
  if (event.type === "project.status") return { action: "project:read", workspaceId: event.workspaceId, projectId: event.projectId };
  if (event.workspaceId !== null) return { action: "workspace:read", workspaceId: event.workspaceId };
  return null;
}

export interface LiveAccess {
  /** Session still live, still a member of the organization (and of the filtered workspace). */
  verify(): Promise<AccessVerdict>;
  /** May the user see this event? Cached per workspace or project for `cacheMs`, so a burst costs one query. */
  maySee(event: PlatformEvent): Promise<boolean>;
}

const isNotFoundOrForbidden = (error: unknown) => error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN");

/**
 * What one events socket is allowed, re-checked while it stays open: the same authorizer and
 * session liveness as every HTTP request, so a removed member or a revoked session loses the
 * socket as it would lose the API. Errors (the database or Redis unreachable) propagate: the
 * connection fails closed.
 */
export function createLiveAccess(deps: {
  authorizer: Authorizer;
  liveness: SessionLiveness;
  actor: { userId: string; sessionId: string; tokenId: string };
  organizationId: string;
  workspaceId: string | null;
  cacheMs: number;
  now?: () => number;
}): LiveAccess {
  const now = deps.now ?? Date.now;
  const { actor, organizationId } = deps;
  const cache = new Map<string, { allowed: boolean; until: number }>();

  const allowed = async (visibility: NonNullable<EventVisibility>): Promise<boolean> => {
    const key = visibility.action === "project:read" ? visibility.projectId : visibility.workspaceId;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.allowed;
    let result = true;
    try {
      await deps.authorizer.authorize(actor.userId, visibility.action, { organizationId, workspaceId: visibility.workspaceId, projectId: visibility.action === "project:read" ? visibility.projectId : undefined });
    } catch (error) {
      if (!isNotFoundOrForbidden(error)) throw error;
      result = false;
    }
    // Bounded: a long-lived socket in a large organization must not grow without limit.
    if (cache.size >= 1_000) cache.clear();
    cache.set(key, { allowed: result, until: now() + deps.cacheMs });
    return result;
  };

  return {
    async maySee(event) {
      const visibility = visibilityOf(event);
      return visibility === null || allowed(visibility);
    },

    async verify() {
      const session = await deps.liveness.get(actor.sessionId);
      if (!session || session.userId !== actor.userId || (await deps.liveness.isAccessTokenRevoked(actor.tokenId))) {
        return { code: "SESSION_ENDED", reason: "The session has ended; sign in again" };
      }
      try {
        await deps.authorizer.authorize(actor.userId, "organization:read", { organizationId });
      } catch (error) {
        if (isNotFoundOrForbidden(error)) return { code: "ACCESS_REVOKED", reason: "No longer a member of this organization" };
        throw error;
      }
      if (deps.workspaceId !== null) {
        cache.delete(deps.workspaceId);
        if (!(await allowed({ action: "workspace:read", workspaceId: deps.workspaceId }))) return { code: "ACCESS_REVOKED", reason: "No longer allowed to read this workspace" };
      }
      return null;
    },
  };
}
