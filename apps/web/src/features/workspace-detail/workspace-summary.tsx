import type { ReactNode } from "react";
import type { Plan, WorkspaceResponse } from "@hks/contracts";
import { TimeAgo } from "@/components/time-ago";
import { formatResources } from "@/features/workspaces/format-resources";
import { planName } from "@/features/workspaces/use-plans";
import { workspaceStatusLabel } from "@/features/workspaces/workspace-status";
import { WorkspaceStatusBadge } from "@/features/workspaces/workspace-status-badge";

/** Status with its reason up front, then plan, version and size as a description list. */
export function WorkspaceSummary(props: { workspace: WorkspaceResponse; plans: readonly Plan[] | undefined; lastActivityAt: string | null | undefined }) {
  const { workspace } = props;
  const facts: readonly { term: string; value: ReactNode }[] = [
    { term: "Plan", value: planName(props.plans, workspace.planId) },
    { term: "Kubernetes", value: workspace.kubernetesVersion },
    { term: "Resources", value: formatResources(workspace.resources) },
    { term: "Allocated to projects", value: formatResources(workspace.allocated) },
    { term: "Free for projects", value: formatResources(workspace.free) },
    { term: "Created", value: <TimeAgo iso={workspace.createdAt} /> },
    { term: "Last kubectl activity", value: props.lastActivityAt ? <TimeAgo iso={props.lastActivityAt} /> : "None yet" },
  ];
  return (
    <section aria-labelledby="workspace-status-heading" className="rounded-xl border border-slate-200 bg-white">
      <div className="border-b border-slate-200 px-6 py-5">
        <h2 id="workspace-status-heading" className="text-base font-semibold text-slate-900">
          Status
        </h2>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <WorkspaceStatusBadge status={workspace.status} showReason={false} />
        </div>
        {workspace.statusReason ? (
          <p className={`mt-2 text-sm ${workspace.status === "ERROR" ? "text-red-700" : "text-slate-700"}`}>
            <span className="sr-only">{workspaceStatusLabel(workspace.status)} because: </span>
            {workspace.statusReason}
          </p>
        ) : null}
      </div>
      <dl className="grid gap-x-6 gap-y-4 px-6 py-5 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {facts.map((fact) => (
          <div key={fact.term}>
            <dt className="text-slate-600">{fact.term}</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
