import type { ReactNode } from "react";

/** The title block at the top of every console page; its `h1` names the page for screen readers. */
export function PageHeader(props: { title: string; description: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{props.description}</p>
      </div>
      {props.actions ? <div className="flex gap-3">{props.actions}</div> : null}
    </div>
  );
}
