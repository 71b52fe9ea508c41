"use client";

import type { RefObject } from "react";
import type { WorkspaceStatus } from "@hks/contracts";
import type { WorkspaceOperationName } from "@hks/api-client";
import { buttonStyles } from "@/components/button-styles";
import { SectionCard } from "@/components/section-card";
import { isOperationAvailable, lifecycleHint } from "@/features/workspaces/workspace-status";

const operationButtons: readonly { operation: WorkspaceOperationName; label: string }[] = [
  { operation: "provision", label: "Provision again" },
  { operation: "start", label: "Start" },
  { operation: "stop", label: "Stop" },
  { operation: "restart", label: "Restart" },
];

/**
 * Start, stop, restart, provision again and delete, each enabled only in the statuses that allow
 * it (see workspace-status.ts); the sentence under them, read with every button, says why.
 */
export function LifecycleActions(props: {
  status: WorkspaceStatus;
  provisioned: boolean | undefined;
  pendingOperation: WorkspaceOperationName | "delete" | null;
  onOperate: (operation: WorkspaceOperationName) => void;
  onDelete: () => void;
  deleteButtonRef: RefObject<HTMLButtonElement | null>;
}) {
  // Until the cluster status has loaded, power operations in ERROR wait (they may not apply).
  const provisioned = props.provisioned ?? false;
  const busy = props.pendingOperation !== null;
  const hintId = "lifecycle-hint";

  return (
    <SectionCard id="lifecycle" title="Lifecycle" description="Power the virtual cluster on and off, or recreate it. Each operation runs as a task, shown below.">
      <div className="space-y-4 px-6 py-5">
        <div className="flex flex-wrap gap-3">
          {operationButtons.map(({ operation, label }) => (
            <button
              key={operation}
              type="button"
              onClick={() => props.onOperate(operation)}
              disabled={busy || !isOperationAvailable(operation, props.status, provisioned)}
              aria-describedby={hintId}
              className={operation === "provision" ? buttonStyles.primary : buttonStyles.secondary}
            >
              {props.pendingOperation === operation ? "Requesting…" : label}
            </button>
          ))}
          <button
            ref={props.deleteButtonRef}
            type="button"
            onClick={props.onDelete}
            disabled={busy || !isOperationAvailable("delete", props.status, provisioned)}
            aria-describedby={hintId}
            aria-haspopup="dialog"
            className={`${buttonStyles.danger} sm:ml-auto`}
          >
            Delete workspace…
          </button>
        </div>
        <p id={hintId} className="text-sm text-slate-600">
          {lifecycleHint(props.status, props.provisioned)}
        </p>
      </div>
    </SectionCard>
  );
}
