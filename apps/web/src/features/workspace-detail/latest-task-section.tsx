"use client";

import type { TaskResponse } from "@hks/contracts";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { SectionCard } from "@/components/section-card";
import { Spinner } from "@/components/spinner";
import { TimeAgo } from "@/components/time-ago";
import { humanizeName, stepStatusLabel, taskKindLabel, taskStatusLabel } from "./task-labels";

const stepMarker: Record<TaskResponse["steps"][number]["status"], string> = {
  DONE: "bg-emerald-600 text-white",
  RUNNING: "bg-indigo-600 text-white",
  FAILED: "bg-red-600 text-white",
  PENDING: "bg-white text-slate-500 ring-1 ring-slate-300 ring-inset",
};

function StepMark({ status }: { status: TaskResponse["steps"][number]["status"] }) {
  return (
    <span aria-hidden="true" className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${stepMarker[status]}`}>
      {status === "DONE" ? "✓" : status === "FAILED" ? "!" : status === "RUNNING" ? <Spinner className="size-3.5" /> : "•"}
    </span>
  );
}

/** The workspace's latest operation: what it is, how far it got (steps and a progress bar), and why it failed. */
export function LatestTaskSection(props: { task: TaskResponse | null | undefined; pending: boolean; error: Error | null; onRetry: () => void }) {
  const { task } = props;
  const running = task?.status === "PENDING" || task?.status === "RUNNING";
  const percent = task ? Math.round(task.progress * 100) : 0;

  return (
    <SectionCard id="latest-operation" title="Latest operation" description="The task behind the workspace's last lifecycle change, step by step.">
      {props.pending ? (
        <p className="px-6 py-5 text-sm text-slate-600">Loading the latest operation…</p>
      ) : props.error && !task ? (
        <LoadFailedMessage what="the latest operation" onRetry={props.onRetry} error={props.error} />
      ) : !task ? (
        <p className="px-6 py-5 text-sm text-slate-600">No operation has run on this workspace yet.</p>
      ) : (
        <div className="space-y-4 px-6 py-5">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="text-sm font-medium text-slate-900">
              {taskKindLabel(task.kind)} <span aria-hidden="true">·</span> <span className={task.status === "ERROR" ? "text-red-700" : "text-slate-700"}>{taskStatusLabel(task.status)}</span>
            </p>
            <p className="text-xs text-slate-600">
              Started <TimeAgo iso={task.startedAt ?? task.createdAt} />
              {task.attempts > 1 ? ` · attempt ${task.attempts} of ${task.maxAttempts}` : ""}
            </p>
          </div>
          <div>
            <div
              role="progressbar"
              aria-label={`${taskKindLabel(task.kind)} progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${percent}% of the steps done${running ? "" : ` (${taskStatusLabel(task.status).toLowerCase()})`}`}
              className="h-2 overflow-hidden rounded-full bg-slate-200"
            >
              <div className={`h-full rounded-full ${task.status === "ERROR" ? "bg-red-600" : task.status === "SUCCEEDED" ? "bg-emerald-600" : "bg-indigo-600"}`} style={{ width: `${percent}%` }} />
            </div>
            <p className="mt-1 text-xs text-slate-600">{percent}% of the steps done</p>
          </div>
          {task.errorReason ? (
            <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
              <span className="font-semibold">Why it failed: </span>
              {task.errorReason}
            </p>
          ) : null}
          {task.steps.length > 0 ? (
            <ol aria-label={`Steps of ${taskKindLabel(task.kind).toLowerCase()}`} className="space-y-2">
              {task.steps.map((step) => (
                <li key={step.position} className="flex items-start gap-3 text-sm">
                  <StepMark status={step.status} />
                  <div className="min-w-0">
                    <p className="text-slate-900">
                      {humanizeName(step.name)} <span className="text-slate-600">— {stepStatusLabel(step.status)}</span>
                    </p>
                    {step.error ? <p className="text-xs text-red-700">{step.error}</p> : null}
                  </div>
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      )}
    </SectionCard>
  );
}
