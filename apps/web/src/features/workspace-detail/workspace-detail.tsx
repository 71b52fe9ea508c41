"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { AppError, type WorkspaceStatus } from "@hks/contracts";
import type { WorkspaceOperationName } from "@hks/api-client";
import { buttonStyles } from "@/components/button-styles";
import { EmptyState } from "@/components/empty-state";
import { LiveAnnouncement, useAnnouncement } from "@/components/live-announcement";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { PageHeader } from "@/components/page-header";
import { errorMessageOf } from "@/lib/api-form-errors";
import { useProjects } from "@/features/projects/use-projects";
import { WorkspaceProjectsSection } from "@/features/projects/workspace-projects-section";
import { usePlans } from "@/features/workspaces/use-plans";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";
import { isBusyStatus, workspaceStatusLabel } from "@/features/workspaces/workspace-status";
import { ClusterHealthSection } from "./cluster-health-section";
import { DeleteWorkspaceDialog } from "./delete-workspace-dialog";
import { LatestTaskSection } from "./latest-task-section";
import { LifecycleActions } from "./lifecycle-actions";
import { useClusterHealth } from "./use-cluster-health";
import { useClusterStatus } from "./use-cluster-status";
import { useLatestTask } from "./use-latest-task";
import { useWorkspace } from "./use-workspace";
import { useWorkspaceOperation } from "./use-workspace-operation";
import { WorkspaceSummary } from "./workspace-summary";

const operationLabels: Record<WorkspaceOperationName, string> = { provision: "Provisioning", start: "Start", stop: "Stop", restart: "Restart" };

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-2 text-slate-600">
        <li>
          <Link href="/workspaces" className="text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Workspaces
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page" className="font-medium text-slate-900">
          {name}
        </li>
      </ol>
    </nav>
  );
}

/**
 * One workspace: its status and reason, lifecycle operations, the latest task step by step,
 * live health, and its projects. Polls while the workspace or its task is busy. Operations are
 * announced when requested, refused, and when the workspace settles; once a deletion completes
 * (the workspace answers 404) the list opens and says so.
 */
export function WorkspaceDetail({ orgId, organizationName, wsId }: { orgId: string; organizationName: string; wsId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const workspace = useWorkspace(orgId, wsId);
  const status = workspace.data?.status;
  const busy = status !== undefined && isBusyStatus(status);
  const clusterStatus = useClusterStatus(orgId, wsId, busy);
  const latestTask = useLatestTask(orgId, wsId, busy);
  const health = useClusterHealth(orgId, wsId, status);
  const projects = useProjects(orgId, wsId);
  const plans = usePlans();
  const operation = useWorkspaceOperation(orgId, wsId);
  const { announcement, announce, ref: announcementRef } = useAnnouncement();
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const deleteButtonRef = useRef<HTMLButtonElement>(null);

  const name = workspace.data?.name ?? "";
  const reason = workspace.data?.statusReason ?? null;
  const notFound = workspace.error instanceof AppError && workspace.error.code === "NOT_FOUND";
  const deletionFinished = notFound && status === "DELETING";

  // A new status: the cluster status and the task have moved too (their polls may have stopped a
  // moment early). And say so when the workspace settles after an operation (provisioning included).
  const previousStatus = useRef<WorkspaceStatus | undefined>(undefined);
  useEffect(() => {
    const previous = previousStatus.current;
    previousStatus.current = status;
    if (!previous || !status || previous === status) return;
    void queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.clusterStatus(orgId, wsId) });
    void queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.latestTask(orgId, wsId) });
    if (!isBusyStatus(previous) || isBusyStatus(status)) return;
    if (status === "ERROR") announce("error", `${name} is in error: ${reason ?? "see the latest operation for the reason"}.`);
    else announce("success", `${name} is now ${workspaceStatusLabel(status).toLowerCase()}.`);
  }, [status, name, reason, announce, queryClient, orgId, wsId]);

  // The deletion task removed the workspace: back to the list, which confirms it.
  useEffect(() => {
    if (deletionFinished) router.replace(`/workspaces?deleted=${encodeURIComponent(name)}`);
  }, [deletionFinished, name, router]);

  function handleOperate(operationName: WorkspaceOperationName) {
    const label = operationLabels[operationName];
    announce("progress", `Requesting ${label.toLowerCase()} of ${name}…`);
    operation.mutate(operationName, {
      onSuccess: (started) =>
        announce("progress", `${label} requested: ${name} is ${workspaceStatusLabel(started.status).toLowerCase()}. Progress is shown under Latest operation.`, { focus: true }),
      onError: (error) => announce("error", `${label} could not start: ${errorMessageOf(error)}`, { focus: true }),
    });
  }

  function handleConfirmDelete() {
    setDeleteError(null);
    operation.mutate("delete", {
      onSuccess: () => {
        setDeleteOpen(false);
        announce("progress", `Deleting ${name}… It disappears when the task finishes.`, { focus: true });
      },
      onError: (error) => setDeleteError(errorMessageOf(error)),
    });
  }

  if (workspace.isPending) {
    return (
      <>
        <PageHeader title="Workspace" description={`In ${organizationName}`} />
        <p className="mt-8 text-sm text-slate-600">Loading the workspace…</p>
      </>
    );
  }
  if (!workspace.data) {
    return (
      <>
        <PageHeader title="Workspace" description={`In ${organizationName}`} />
        <div className="mt-8">
          {notFound ? (
            <EmptyState
              title="Workspace not found"
              description={`${organizationName} has no such workspace that you can see. It may have been deleted, or belong to another organization.`}
              action={
                <Link href="/workspaces" className={buttonStyles.primary}>
                  Back to workspaces
                </Link>
              }
            />
          ) : (
            <div className="rounded-xl border border-slate-200 bg-white">
              <LoadFailedMessage what="the workspace" onRetry={() => void workspace.refetch()} error={workspace.error} />
            </div>
          )}
        </div>
      </>
    );
  }

  const data = workspace.data;
  const projectRows = projects.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <Breadcrumb name={data.name} />
      <PageHeader title={data.name} description={data.description || `A virtual Kubernetes cluster in ${organizationName}.`} />
      <div className="mt-8 space-y-8">
        <LiveAnnouncement announcement={announcement} announcementRef={announcementRef} />
        <WorkspaceSummary workspace={data} plans={plans.data} lastActivityAt={clusterStatus.data?.lastActivityAt} />
        <LifecycleActions
          status={data.status}
          provisioned={clusterStatus.data?.provisioned}
          pendingOperation={operation.isPending ? operation.variables : null}
          onOperate={handleOperate}
          onDelete={() => {
            setDeleteError(null);
            setDeleteOpen(true);
          }}
          deleteButtonRef={deleteButtonRef}
        />
        <LatestTaskSection task={latestTask.data} pending={latestTask.isPending} error={latestTask.error} onRetry={() => void latestTask.refetch()} />
        <ClusterHealthSection
          health={health.data}
          pending={health.isPending}
          fetching={health.isFetching}
          error={health.error}
          onRefresh={() => void health.refetch()}
          projects={projectRows}
        />
        <WorkspaceProjectsSection orgId={orgId} workspace={data} projects={projects} onCreated={(project) => announce("success", `Project ${project.name} created in ${data.name}.`)} />
      </div>
      <DeleteWorkspaceDialog
        open={deleteOpen}
        workspaceName={data.name}
        projectCount={projects.data && !projects.hasNextPage ? projectRows.length : undefined}
        pending={operation.isPending && operation.variables === "delete"}
        error={deleteError}
        onConfirm={handleConfirmDelete}
        onClose={() => {
          setDeleteOpen(false);
          if (deleteButtonRef.current && !deleteButtonRef.current.disabled) deleteButtonRef.current.focus();
        }}
      />
    </>
  );
}
