/** What a section shows when its data could not be loaded, with a way to try again. */
export function LoadFailedMessage(props: { what: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-3 px-6 py-5 text-sm text-red-800">
      <p>We could not load {props.what}. The platform may be busy; please try again.</p>
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
