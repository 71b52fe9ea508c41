import { AppError } from "@hks/contracts";

/**
 * What a section shows when its data could not be loaded, with a way to try again. Given the
 * error, it adds the API's own message (never internals; a failure that did not reach the API
 * keeps the generic sentence).
 */
export function LoadFailedMessage(props: { what: string; onRetry: () => void; error?: unknown }) {
  const detail = props.error instanceof AppError ? props.error.message : null;
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-3 px-6 py-5 text-sm text-red-800">
      <div>
        <p>We could not load {props.what}. The platform may be busy; please try again.</p>
        {detail ? <p className="mt-1 text-red-700">{detail}</p> : null}
      </div>
      <button
        type="button"
        onClick={props.onRetry}
        className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Try again
      </button>
    </div>
  );
}
