"use client";

import Link from "next/link";
import type { OrganizationResponse } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { EmptyState } from "@/components/empty-state";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { OutlineIcon } from "@/components/outline-icon";
import { SectionCard } from "@/components/section-card";
import { consoleSections } from "@/features/console-shell/console-sections";
import { formatResources } from "./format-resources";
import { planName, usePlans } from "./use-plans";
import { useWorkspaces } from "./use-workspaces";
import { workspaceHref } from "./workspace-links";
import { WorkspaceStatusBadge } from "./workspace-status-badge";

/** The current organization's workspaces: name, status (with reason), plan, Kubernetes version and size. */
export function WorkspaceList({ organization }: { organization: OrganizationResponse }) {
  const workspaces = useWorkspaces(organization.id);
  const plans = usePlans();
  const rows = workspaces.data?.pages.flatMap((page) => page.items) ?? [];

  if (workspaces.isPending) return <p className="text-sm text-slate-600">Loading the workspaces of {organization.name}…</p>;
  if (workspaces.isError && rows.length === 0) {
    return (
      <div className="rounded-xl border border-slate-200 bg-white">
        <LoadFailedMessage what={`the workspaces of ${organization.name}`} onRetry={() => void workspaces.refetch()} error={workspaces.error} />
      </div>
    );
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        title="No workspaces yet"
        description={`${organization.name} has no workspaces you can see. A workspace is a virtual Kubernetes cluster, sized by its plan.`}
        icon={<OutlineIcon path={consoleSections.workspaces.iconPath} className="size-6" />}
        action={
          <Link href="/workspaces/new" className={buttonStyles.primary}>
            Create a workspace
          </Link>
        }
      />
    );
  }

  return (
    <SectionCard id="workspace-list" title={`Workspaces of ${organization.name}`} description="Statuses refresh by themselves while an operation is under way.">
      <div role="region" aria-label="Workspaces" tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Workspaces of {organization.name}, by name</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-6 py-3">Name</th>
              <th scope="col" className="px-3 py-3">Status</th>
              <th scope="col" className="px-3 py-3">Plan</th>
              <th scope="col" className="px-3 py-3">Kubernetes</th>
              <th scope="col" className="px-3 py-3 pr-6">Resources</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((workspace) => (
              <tr key={workspace.id} className="align-top">
                <th scope="row" className="px-6 py-3 text-left font-medium">
                  <Link href={workspaceHref(organization.id, workspace.id)} className="whitespace-nowrap text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
                    {workspace.name}
                  </Link>
                  {workspace.description ? <span className="mt-0.5 block max-w-xs text-xs font-normal text-slate-600">{workspace.description}</span> : null}
                </th>
                <td className="max-w-xs px-3 py-3">
                  <WorkspaceStatusBadge status={workspace.status} reason={workspace.statusReason} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">{planName(plans.data, workspace.planId)}</td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">{workspace.kubernetesVersion}</td>
                <td className="px-3 py-3 pr-6 whitespace-nowrap text-slate-700">{formatResources(workspace.resources)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between gap-3 border-t border-slate-200 px-6 py-4 text-sm text-slate-600">
        <p role="status">
          {workspaces.isFetchNextPageError ? "More workspaces could not be loaded. Please try again." : `Showing ${rows.length} ${rows.length === 1 ? "workspace" : "workspaces"}`}
        </p>
        {workspaces.hasNextPage ? (
          <button type="button" onClick={() => void workspaces.fetchNextPage()} disabled={workspaces.isFetchingNextPage} className={buttonStyles.secondary}>
            {workspaces.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </div>
    </SectionCard>
  );
}
