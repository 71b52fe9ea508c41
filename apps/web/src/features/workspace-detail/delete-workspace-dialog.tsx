"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { buttonStyles } from "@/components/button-styles";
import { FormErrorMessage, inputClassName } from "@/components/form-field";

/**
 * "Delete workspace" behind a confirmation that asks for the workspace's name to be typed. A
 * native modal `<dialog>`: the browser keeps focus inside it, makes the page behind inert and
 * closes it on Escape; focus goes to the name field on opening and back to the button that
 * opened it on closing.
 */
export function DeleteWorkspaceDialog(props: {
  open: boolean;
  workspaceName: string;
  projectCount: number | undefined;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState("");

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setTyped("");
      dialog.showModal();
      inputRef.current?.focus();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  }, [props.open]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (typed === props.workspaceName && !props.pending) props.onConfirm();
  }

  const matches = typed === props.workspaceName;
  const projects = props.projectCount === undefined ? "all its projects" : props.projectCount === 1 ? "its 1 project" : `its ${props.projectCount} projects`;
  const losses = props.projectCount === 0 ? " and its data" : `, its data and ${projects}`;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onClose={props.onClose}
      className="m-auto w-full max-w-lg rounded-xl border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <form onSubmit={handleSubmit} className="space-y-4 p-6">
        <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
          Delete workspace {props.workspaceName}?
        </h2>
        <p id={`${id}-description`} className="text-sm text-slate-600">
          Its virtual cluster is torn down with everything running in it{losses}. This cannot be undone.
        </p>
        <FormErrorMessage message={props.error} />
        <div>
          <label htmlFor={`${id}-confirm`} className="block text-sm font-medium text-slate-900">
            Type <span className="font-mono font-semibold">{props.workspaceName}</span> to confirm
          </label>
          <input
            ref={inputRef}
            id={`${id}-confirm`}
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            className={`${inputClassName} mt-1.5 font-mono`}
          />
        </div>
        <div className="flex flex-wrap justify-end gap-3 pt-2">
          <button type="button" onClick={props.onClose} className={buttonStyles.secondary}>
            Cancel
          </button>
          <button type="submit" disabled={!matches || props.pending} className={buttonStyles.dangerSolid}>
            {props.pending ? "Deleting…" : "Delete this workspace"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
