/** Whether a security event succeeded; failures show the API's error code for support. */
export function EventResultBadge(props: { success: boolean; errorCode: string | null }) {
  if (props.success) {
    return (
      <span className="inline-flex rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-200 ring-inset">
        Succeeded
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <span className="inline-flex rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-200 ring-inset">Failed</span>
      {props.errorCode ? <code className="text-xs text-slate-600">{props.errorCode}</code> : null}
    </span>
  );
}
