import type { WorkspaceStatus } from "@hks/contracts";
import { Spinner } from "@/components/spinner";
import { isBusyStatus, workspaceStatusLabel, workspaceStatusTone, type StatusTone } from "./workspace-status";

const toneClassName: Record<StatusTone, string> = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  busy: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  danger: "bg-red-50 text-red-800 ring-red-200",
};

const dotClassName: Record<StatusTone, string> = {
  success: "bg-emerald-500",
  neutral: "bg-slate-400",
  busy: "bg-indigo-500",
  danger: "bg-red-600",
};

/**
 * A workspace's status in words (colour only repeats it), with a spinner while a task moves it
 * along. The reason, when there is one, sits under it so nobody has to hover to learn why.
 */
export function WorkspaceStatusBadge(props: { status: WorkspaceStatus; reason?: string | null; showReason?: boolean }) {
  const tone = workspaceStatusTone(props.status);
  return (
    <span className="inline-flex max-w-full flex-col items-start gap-1">
      <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${toneClassName[tone]}`}>
        {isBusyStatus(props.status) ? <Spinner className="size-3" /> : <span aria-hidden="true" className={`size-1.5 rounded-full ${dotClassName[tone]}`} />}
        <span className="sr-only">Status: </span>
        {workspaceStatusLabel(props.status)}
      </span>
      {props.showReason !== false && props.reason ? <span className={`text-xs ${tone === "danger" ? "text-red-700" : "text-slate-600"}`}>{props.reason}</span> : null}
    </span>
  );
}
