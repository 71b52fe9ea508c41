import type { ReactNode } from "react";

/**
 * A titled white card for one part of a console page. The heading is an `h2` under the page's
 * `h1`, and `aria-labelledby` makes the section a named region screen-reader users can jump to.
 */
export function SectionCard(props: { id: string; title: string; description: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const headingId = `${props.id}-heading`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 px-6 py-5">
        <div className="min-w-0 flex-1 basis-72">
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {props.title}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{props.description}</p>
        </div>
        {props.actions ? <div className="flex shrink-0 gap-3">{props.actions}</div> : null}
      </div>
      {props.children}
    </section>
  );
}
