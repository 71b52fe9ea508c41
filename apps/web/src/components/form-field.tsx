import type { ReactNode } from "react";

export const inputClassName =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 focus-visible:border-indigo-600 focus-visible:outline-2 focus-visible:-outline-offset-1 focus-visible:outline-indigo-600 aria-invalid:border-red-600 disabled:bg-slate-50";

/** Ids of a field's hint and error, for the control's `aria-describedby`. */
export function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/**
 * A labelled form control with its hint and error. The control is passed in (input, select,
 * textarea) and must carry `id={id}`, `aria-invalid` and `aria-describedby={describedBy(…)}`, so the
 * error is read with the field, not only shown in red.
 */
export function FormField(props: { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; children: ReactNode; className?: string }) {
  return (
    <div className={props.className}>
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-900">
        {props.label}
      </label>
      <div className="mt-1.5">{props.children}</div>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="mt-1.5 text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${props.id}-error`} className="mt-1.5 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A form's overall failure, with the API's message; `role="alert"` so it is read as soon as it appears. */
export function FormErrorMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {message}
    </p>
  );
}
