"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import type { OrganizationResponse } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { EmptyState } from "@/components/empty-state";
import { inputClassName } from "@/components/form-field";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { OutlineIcon } from "@/components/outline-icon";
import { PageHeader } from "@/components/page-header";
import { SectionCard } from "@/components/section-card";
import { consoleSections } from "@/features/console-shell/console-sections";
import { OrganizationGate } from "@/features/organizations/organization-gate";
import { useWorkspaces } from "@/features/workspaces/use-workspaces";
import { workspaceHref } from "@/features/workspaces/workspace-links";
import { ProjectList } from "./project-list";
import { useProjects } from "./use-projects";

function WorkspaceProjects({ orgId, wsId, workspaceName }: { orgId: string; wsId: string; workspaceName: string }) {
  const projects = useProjects(orgId, wsId);
  return (
    <SectionCard
      id="workspace-projects"
      title={`Projects of ${workspaceName}`}
      description="Create projects and see their usage on the workspace's page."
      actions={
        <Link href={`${workspaceHref(orgId, wsId)}#projects`} className={buttonStyles.secondary}>
          Open workspace<span className="sr-only"> {workspaceName}</span>
        </Link>
      }
    >
      <ProjectList projects={projects} workspaceName={workspaceName} />
    </SectionCard>
  );
}

/** Picks a workspace of the organization (remembered in the URL) and lists its projects. */
function ProjectsBrowser({ organization, workspaceIdFromLink }: { organization: OrganizationResponse; workspaceIdFromLink: string | null }) {
  const id = useId();
  const router = useRouter();
  const workspaces = useWorkspaces(organization.id);
  const rows = workspaces.data?.pages.flatMap((page) => page.items) ?? [];
  const chosen = rows.find((workspace) => workspace.id === workspaceIdFromLink) ?? rows[0];

  if (workspaces.isPending) return <p className="text-sm text-slate-600">Loading the workspaces of {organization.name}…</p>;
  if (workspaces.isError && rows.length === 0) {
    return (
      <div className="rounded-xl border border-slate-200 bg-white">
        <LoadFailedMessage what={`the workspaces of ${organization.name}`} onRetry={() => void workspaces.refetch()} error={workspaces.error} />
      </div>
    );
  }
  if (!chosen) {
    return (
      <EmptyState
        title="No workspaces yet"
        description={`Projects live inside a workspace, and ${organization.name} has none you can see.`}
        icon={<OutlineIcon path={consoleSections.projects.iconPath} className="size-6" />}
        action={
          <Link href="/workspaces/new" className={buttonStyles.primary}>
            Create a workspace
          </Link>
        }
      />
    );
  }

  return (
    <div className="space-y-6">
      <div className="max-w-sm">
        <label htmlFor={`${id}-workspace`} className="block text-sm font-medium text-slate-900">
          Workspace
        </label>
        <select
          id={`${id}-workspace`}
          value={chosen.id}
          onChange={(event) => router.replace(`/projects?workspace=${encodeURIComponent(event.target.value)}`)}
          className={`${inputClassName} mt-1.5`}
        >
          {rows.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </select>
        {workspaces.hasNextPage ? (
          <button type="button" onClick={() => void workspaces.fetchNextPage()} disabled={workspaces.isFetchingNextPage} className="mt-2 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
            {workspaces.isFetchingNextPage ? "Loading more workspaces…" : "Load more workspaces"}
          </button>
        ) : null}
      </div>
      <WorkspaceProjects key={chosen.id} orgId={organization.id} wsId={chosen.id} workspaceName={chosen.name} />
    </div>
  );
}

/** The Projects page: projects of a chosen workspace of the current organization. */
export function ProjectsOverview({ workspaceIdFromLink }: { workspaceIdFromLink: string | null }) {
  return (
    <>
      <PageHeader title={consoleSections.projects.label} description={consoleSections.projects.description} />
      <div className="mt-8">
        <OrganizationGate>{(organization) => <ProjectsBrowser key={organization.id} organization={organization} workspaceIdFromLink={workspaceIdFromLink} />}</OrganizationGate>
      </div>
    </>
  );
}
