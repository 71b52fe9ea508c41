"use client";

import type { z } from "zod";
import type { clusterHealthSchema, ProjectResponse } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { SectionCard } from "@/components/section-card";
import { quotaUsageRows } from "@/features/workspaces/kubernetes-quantity";
import { QuotaMeter } from "./quota-meter";
import { humanizeName } from "./task-labels";

type ClusterHealth = z.infer<typeof clusterHealthSchema>;

const componentNames: Record<string, string> = {
  host: "Host cluster",
  "virtual-cluster-pod": "Virtual cluster pod",
  "api-server": "Virtual cluster API server",
};

/** The live health check: each component in words (not colour alone), then quota used against hard per namespace. */
export function ClusterHealthSection(props: {
  health: ClusterHealth | undefined;
  pending: boolean;
  fetching: boolean;
  error: Error | null;
  onRefresh: () => void;
  projects: readonly ProjectResponse[];
}) {
  const { health } = props;
  const projectName = (projectId: string | null, namespace: string) =>
    projectId === null ? "Workspace (on the host cluster)" : `Project ${props.projects.find((project) => project.id === projectId)?.name ?? namespace}`;

  return (
    <SectionCard
      id="cluster-health"
      title="Health"
      description="Checked live against the clusters: whether each part answers, and how much of each quota is in use."
      actions={
        <button type="button" onClick={props.onRefresh} disabled={props.fetching} className={buttonStyles.secondary}>
          {props.fetching ? "Checking…" : "Check again"}
        </button>
      }
    >
      {props.pending ? (
        <p className="px-6 py-5 text-sm text-slate-600">Checking the cluster…</p>
      ) : props.error && !health ? (
        <LoadFailedMessage what="the cluster's health" onRetry={props.onRefresh} error={props.error} />
      ) : health ? (
        <div className="space-y-6 px-6 py-5">
          <p className="text-sm font-medium text-slate-900">{health.healthy ? "Every component is healthy." : "Not every component is healthy."}</p>
          <ul aria-label="Components" className="divide-y divide-slate-200 rounded-lg border border-slate-200">
            {health.components.map((component) => (
              <li key={component.name} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
                <span className="font-medium text-slate-900">{componentNames[component.name] ?? humanizeName(component.name)}</span>
                <span className={component.healthy ? "text-emerald-800" : "text-red-700"}>
                  <span className="font-semibold">{component.healthy ? "Healthy" : "Unhealthy"}</span>
                  {component.detail ? <span className="text-slate-600"> — {component.detail}</span> : null}
                </span>
              </li>
            ))}
          </ul>
          {health.quotas.length === 0 ? (
            <p className="text-sm text-slate-600">No quota figures yet: they appear once the virtual cluster is running.</p>
          ) : (
            <div className="grid gap-6 md:grid-cols-2">
              {health.quotas.map((quota) => {
                const rows = quotaUsageRows(quota.hard, quota.used);
                const title = projectName(quota.projectId, quota.namespace);
                return (
                  <section key={`${quota.projectId ?? "workspace"}-${quota.namespace}`} aria-label={`Quota of ${title}`} className="space-y-3 rounded-lg border border-slate-200 p-4">
                    <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
                    {rows.length === 0 ? <p className="text-sm text-slate-600">No limits set.</p> : rows.map((row) => <QuotaMeter key={row.resource} row={row} />)}
                  </section>
                );
              })}
            </div>
          )}
        </div>
      ) : null}
    </SectionCard>
  );
}
