import { z } from "zod";
import {
  clusterHealthSchema,
  clusterStatusSchema,
  organizationSchema,
  planListSchema,
  projectSchema,
  taskSchema,
  workspaceOperationSchema,
  workspaceSchema,
  type createOrganizationSchema,
  type createProjectSchema,
  type createWorkspaceSchema,
  type TaskResponse,
  type WorkspaceStatus,
} from "@hks/contracts";
import type { RequestOptions } from "./api-client";

/** A keyset page as every list route answers it: pass `nextCursor` back as `cursor`; null at the end. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const organizationPageSchema = pageOf(organizationSchema);
export const workspacePageSchema = pageOf(workspaceSchema);
export const projectPageSchema = pageOf(projectSchema);
export const taskPageSchema = pageOf(taskSchema);

export interface PageOptions {
  /** At most 100 (the API's cap); the API defaults to 50. */
  limit?: number;
  cursor?: string | null;
  signal?: AbortSignal;
}

/** Bodies as callers write them: fields with a default on the server may be left out. */
export type CreateOrganizationRequest = z.input<typeof createOrganizationSchema>;
export type CreateWorkspaceRequest = z.input<typeof createWorkspaceSchema>;
export type CreateProjectRequest = z.input<typeof createProjectSchema>;

/** Lifecycle operations that take no body (`POST …/vcluster/<operation>`). */
export const workspaceOperations = ["provision", "start", "stop", "restart"] as const;
export type WorkspaceOperationName = (typeof workspaceOperations)[number];

type Send = <T extends z.ZodType>(req: RequestOptions<T>) => Promise<z.infer<T>>;

const segment = encodeURIComponent;
const organizationPath = (orgId: string) => `/api/v1/organizations/${segment(orgId)}`;
const workspacePath = (orgId: string, wsId: string) => `${organizationPath(orgId)}/workspaces/${segment(wsId)}`;

function pageQuery(page: PageOptions) {
  return { limit: page.limit, cursor: page.cursor ?? undefined };
}

const signalOf = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/**
 * Organizations, plans, workspaces (with their virtual cluster's lifecycle), projects and tasks.
 * Ids go into paths encoded, so an id can never name another route.
 */
export function tenancyEndpoints(request: Send) {
  return {
    /** Organizations I belong to, with my role in each (`sort=name` by default). */
    organizations: (page: PageOptions & { sort?: "name" | "-createdAt" } = {}) =>
      request({ path: "/api/v1/organizations", query: { ...pageQuery(page), sort: page.sort }, response: organizationPageSchema, ...signalOf(page.signal) }),
    organization: (orgId: string, signal?: AbortSignal) => request({ path: organizationPath(orgId), response: organizationSchema, ...signalOf(signal) }),
    /** Creates an organization; the caller becomes its owner. */
    createOrganization: (body: CreateOrganizationRequest) => request({ method: "POST", path: "/api/v1/organizations", body, response: organizationSchema }),

    /** The public plan catalogue with each plan's limits. */
    plans: (signal?: AbortSignal) => request({ path: "/api/v1/plans", response: planListSchema, ...signalOf(signal) }),

    /** The organization's workspaces the caller may see, by name. */
    workspaces: (orgId: string, page: PageOptions & { status?: WorkspaceStatus; q?: string } = {}) =>
      request({
        path: `${organizationPath(orgId)}/workspaces`,
        query: { ...pageQuery(page), status: page.status, q: page.q },
        response: workspacePageSchema,
        ...signalOf(page.signal),
      }),
    workspace: (orgId: string, wsId: string, signal?: AbortSignal) => request({ path: workspacePath(orgId, wsId), response: workspaceSchema, ...signalOf(signal) }),
    /** Creates a workspace (status PENDING_CREATION; provisioning runs as a task). */
    createWorkspace: (orgId: string, body: CreateWorkspaceRequest) =>
      request({ method: "POST", path: `${organizationPath(orgId)}/workspaces`, body, response: workspaceSchema }),
    /** Starts deleting a workspace (202, DELETING); it disappears when the task finishes. */
    deleteWorkspace: (orgId: string, wsId: string) => request({ method: "DELETE", path: workspacePath(orgId, wsId), response: workspaceOperationSchema }),
    /** Provision again, start, stop or restart the virtual cluster (202 with the task); INVALID_STATE when the status does not allow it. */
    operateWorkspace: (orgId: string, wsId: string, operation: WorkspaceOperationName) =>
      request({ method: "POST", path: `${workspacePath(orgId, wsId)}/vcluster/${operation}`, response: workspaceOperationSchema }),
    /** Moves the virtual cluster to a later Kubernetes version. */
    upgradeWorkspace: (orgId: string, wsId: string, kubernetesVersion: string) =>
      request({ method: "POST", path: `${workspacePath(orgId, wsId)}/vcluster/upgrade`, body: { kubernetesVersion }, response: workspaceOperationSchema }),
    /** Status, reason, whether it is provisioned, and the unfinished task if any. */
    clusterStatus: (orgId: string, wsId: string, signal?: AbortSignal) =>
      request({ path: `${workspacePath(orgId, wsId)}/vcluster/status`, response: clusterStatusSchema, ...signalOf(signal) }),
    /** A live check of the virtual cluster's components and quota used against hard limits. */
    clusterHealth: (orgId: string, wsId: string, signal?: AbortSignal) =>
      request({ path: `${workspacePath(orgId, wsId)}/vcluster/health`, response: clusterHealthSchema, ...signalOf(signal) }),

    /** The workspace's projects the caller may see, by name. */
    projects: (orgId: string, wsId: string, page: PageOptions = {}) =>
      request({ path: `${workspacePath(orgId, wsId)}/projects`, query: pageQuery(page), response: projectPageSchema, ...signalOf(page.signal) }),
    createProject: (orgId: string, wsId: string, body: CreateProjectRequest) =>
      request({ method: "POST", path: `${workspacePath(orgId, wsId)}/projects`, body, response: projectSchema }),

    /** A task with its steps and progress. */
    task: (taskId: string, signal?: AbortSignal) => request({ path: `/api/v1/tasks/${segment(taskId)}`, response: taskSchema, ...signalOf(signal) }),
    /** The organization's tasks, newest first; `workspaceId` narrows them to one workspace. */
    tasks: (orgId: string, page: PageOptions & { workspaceId?: string; status?: TaskResponse["status"] } = {}) =>
      request({
        path: `${organizationPath(orgId)}/tasks`,
        query: { ...pageQuery(page), workspaceId: page.workspaceId, status: page.status },
        response: taskPageSchema,
        ...signalOf(page.signal),
      }),
  };
}
