import type { ReactNode } from "react";

/**
 * The placeholder a section shows before it has data. Later issues replace the section's content,
 * not this component, so every empty screen in the console looks the same.
 */
export function EmptyState(props: { title: string; description: ReactNode; icon?: ReactNode; action?: ReactNode }) {
  return (
    <section
      aria-label={props.title}
      className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center"
    >
      {props.icon ? (
        <div aria-hidden="true" className="mb-4 flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
          {props.icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{props.title}</h2>
      <p className="mt-2 max-w-md text-sm text-slate-600">{props.description}</p>
      {props.action ? <div className="mt-6">{props.action}</div> : null}
    </section>
  );
}
