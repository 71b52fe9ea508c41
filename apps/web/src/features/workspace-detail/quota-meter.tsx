import type { QuotaUsageRow } from "@/features/workspaces/kubernetes-quantity";

/**
 * Quota used against hard as a bar, with the numbers written out. `role="meter"` (a gauge within
 * a known range), with the value in words for screen readers. Amber from 80%, red when full.
 */
export function QuotaMeter({ row }: { row: QuotaUsageRow }) {
  const percent = Math.round(row.ratio * 100);
  const width = Math.min(100, Math.max(0, percent));
  const colour = row.ratio >= 1 ? "bg-red-600" : row.ratio >= 0.8 ? "bg-amber-500" : "bg-indigo-600";
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="text-slate-900">{row.label}</span>
        <span className="text-slate-600">
          {row.usedText} of {row.hardText}
        </span>
      </div>
      <div
        role="meter"
        aria-label={row.label}
        aria-valuemin={0}
        aria-valuemax={row.hard}
        aria-valuenow={Math.min(row.used, row.hard)}
        aria-valuetext={`${row.usedText} of ${row.hardText} used (${percent}%)`}
        className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full ${colour}`} style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}
