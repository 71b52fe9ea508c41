import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { kubeTokenLifetime, type KubeconfigCredentialKind } from "@hks/contracts";
import type { Database } from "@hks/db";
import { projectNamespaceOf } from "@hks/kube";
import type { Actor } from "../auth/actor";
import type { SessionLiveness } from "../auth/sessions/session-liveness";
import type { KubeTokens } from "../auth/tokens/kube-tokens";
import type { ResolvedAccess } from "../authorization/resolved-access";
import type { Tenancy } from "../tenancy";
import { gatewayRefusals } from "./kube-status";
import { gatewayUrlOf, renderKubeconfig } from "./render-kubeconfig";

export interface MintedKubeToken {
  token: string;
  expiresAt: Date;
  server: string;
}

/** Enough pages for any workspace a plan allows; a kubeconfig with more contexts would be unusable anyway. */
const MAX_PROJECT_PAGES = 20;

/**
 * Credentials for kubectl: workspace kube tokens, and kubeconfigs that point at the gateway with
 * either the `hks` exec plugin or an embedded token. The caller's access to the workspace
 * (`workspace:read`) was checked by the route; every token minted is audited.
 */
export function createKubeAccessService(deps: {
  db: Database;
  audit: AuditWriter;
  kubeTokens: Pick<KubeTokens, "issue">;
  liveness: Pick<SessionLiveness, "get">;
  tenancy: Pick<Tenancy, "organizations" | "workspaces" | "projects">;
  apiUrl: string;
  apiCaPem: string | undefined;
}) {
  async function mint(access: ResolvedAccess, actor: Actor, ttlSeconds: number, origin: AuditOrigin, via: "api" | "kubeconfig"): Promise<MintedKubeToken> {
    const workspaceId = access.workspaceId;
    if (!workspaceId) throw new Error("kube tokens are minted for a workspace");
    // The session's absolute end caps the token; a session that just ended mints nothing.
    const live = await deps.liveness.get(actor.sessionId);
    if (!live) throw gatewayRefusals.unauthorized();
    const { token, expiresAt, claims } = await deps.kubeTokens.issue({
      userId: actor.userId,
      sessionId: actor.sessionId,
      organizationId: access.organizationId,
      workspaceId,
      ttlSeconds,
      notAfter: new Date(live.absoluteExpiresAt),
    });
    await deps.audit.record(deps.db, origin, {
      type: "kube.token.issued",
      success: true,
      actorUserId: actor.userId,
      organizationId: access.organizationId,
      targetType: "workspace",
      targetId: workspaceId,
      sessionId: actor.sessionId,
      metadata: { via, tokenId: claims.jti, expiresAt: expiresAt.toISOString() },
    });
    return { token, expiresAt, server: gatewayUrlOf(deps.apiUrl, workspaceId) };
  }

  /** The namespaces of the projects the caller can see in the workspace. */
  async function visibleNamespaces(access: ResolvedAccess, userId: string): Promise<string[]> {
    const namespaces: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PROJECT_PAGES; page++) {
      const result = await deps.tenancy.projects.list(access, userId, { limit: 100, sort: "name", cursor });
      namespaces.push(...result.items.map((project) => projectNamespaceOf(project.name)));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    return namespaces;
  }

  return {
    mintToken(access: ResolvedAccess, actor: Actor, ttlSeconds: number, origin: AuditOrigin): Promise<MintedKubeToken> {
      return mint(access, actor, ttlSeconds, origin, "api");
    },

    /** The kubeconfig YAML and a file name for it. Never contains the virtual cluster's own credentials. */
    async kubeconfig(
      access: ResolvedAccess,
      actor: Actor,
      options: { credential: KubeconfigCredentialKind; ttlSeconds?: number | undefined },
      origin: AuditOrigin,
    ): Promise<{ yaml: string; fileName: string }> {
      const [organization, workspace, namespaces] = await Promise.all([
        deps.tenancy.organizations.get(access),
        deps.tenancy.workspaces.get(access),
        visibleNamespaces(access, actor.userId),
      ]);
      const credential =
        options.credential === "token"
          ? { kind: "token" as const, ...(await mint(access, actor, options.ttlSeconds ?? kubeTokenLifetime.kubeconfigDefaultSeconds, origin, "kubeconfig")) }
          : { kind: "exec" as const };
      const yaml = renderKubeconfig({
        apiUrl: deps.apiUrl,
        apiCaPem: deps.apiCaPem,
        organization: { id: organization.id, slug: organization.slug },
        workspace: { id: workspace.id, name: workspace.name },
        namespaces,
        credential,
      });
      return { yaml, fileName: `${organization.slug}-${workspace.name}.kubeconfig.yaml` };
    },
  };
}

export type KubeAccessService = ReturnType<typeof createKubeAccessService>;
