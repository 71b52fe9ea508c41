"use client";

import type { ProjectResponse } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { TimeAgo } from "@/components/time-ago";
import { formatCpu, formatMemory, formatStorage } from "@/features/workspaces/format-resources";
import type { useProjects } from "./use-projects";

/** A workspace's projects with their quotas; sub-projects show which project they sit under. */
export function ProjectList({ projects, workspaceName }: { projects: ReturnType<typeof useProjects>; workspaceName: string }) {
  const rows: ProjectResponse[] = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const nameOf = (projectId: string) => rows.find((project) => project.id === projectId)?.name ?? "another project";

  if (projects.isPending) return <p className="px-6 py-5 text-sm text-slate-600">Loading the projects…</p>;
  if (projects.isError && rows.length === 0) return <LoadFailedMessage what="the projects" onRetry={() => void projects.refetch()} error={projects.error} />;
  if (rows.length === 0) return <p className="px-6 py-5 text-sm text-slate-600">No projects in {workspaceName} yet.</p>;

  return (
    <>
      <div role="region" aria-label={`Projects of ${workspaceName}`} tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Projects of {workspaceName}, by name</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-6 py-3">Project</th>
              <th scope="col" className="px-3 py-3">CPU</th>
              <th scope="col" className="px-3 py-3">Memory</th>
              <th scope="col" className="px-3 py-3">Storage</th>
              <th scope="col" className="px-3 py-3 pr-6">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((project) => (
              <tr key={project.id}>
                <th scope="row" className="px-6 py-3 text-left font-medium text-slate-900">
                  <span className="font-mono">{project.name}</span>
                  {project.parentId ? <span className="block text-xs font-normal text-slate-600">under {nameOf(project.parentId)}</span> : null}
                </th>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">{formatCpu(project.quota.cpuMillicores)}</td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">{formatMemory(project.quota.memoryMib)}</td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">{formatStorage(project.quota.storageGib)}</td>
                <td className="px-3 py-3 pr-6 whitespace-nowrap text-slate-600">
                  <TimeAgo iso={project.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {projects.hasNextPage ? (
        <div className="border-t border-slate-200 px-6 py-4">
          <button type="button" onClick={() => void projects.fetchNextPage()} disabled={projects.isFetchingNextPage} className={buttonStyles.secondary}>
            {projects.isFetchingNextPage ? "Loading…" : "Load more projects"}
          </button>
        </div>
      ) : null}
    </>
  );
}
