"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { projectNameSchema, type ProjectResponse, type ResourceAmounts } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { describedBy, FormErrorMessage, FormField, inputClassName } from "@/components/form-field";
import { formErrorsFrom } from "@/lib/api-form-errors";
import { formatCpu, formatMemory, formatStorage } from "@/features/workspaces/format-resources";
import { nameProblem } from "@/features/workspaces/workspace-name-rule";
import { parseQuotaInput, type QuotaField, type QuotaInput } from "./quota-input";
import { useCreateProject } from "./use-create-project";

type Field = "name" | QuotaField;

const emptyQuota: QuotaInput = { cpuCores: "", memoryGib: "", storageGib: "" };

/** The API counts in these units; its quota messages carry bare numbers, so the unit is added. */
const apiUnit: Record<QuotaField, string> = { cpuCores: "millicores", memoryGib: "MiB", storageGib: "GiB" };

/**
 * A new top-level project (a namespace of the workspace's cluster) with its quota, carved out of
 * what the workspace has free. The name follows the API's rule (an RFC 1123 label, not `default`
 * or `kube-*`); refusals such as QUOTA_EXCEEDED land on the resource they name.
 */
export function CreateProjectForm(props: { orgId: string; wsId: string; free: ResourceAmounts | undefined; onCreated: (project: ProjectResponse) => void }) {
  const id = useId();
  const create = useCreateProject(props.orgId, props.wsId);
  const [name, setName] = useState("");
  const [quota, setQuota] = useState<QuotaInput>(emptyQuota);
  const [errors, setErrors] = useState<{ message: string | null; fields: Partial<Record<Field, string>> }>({ message: null, fields: {} });
  const refs = {
    name: useRef<HTMLInputElement>(null),
    cpuCores: useRef<HTMLInputElement>(null),
    memoryGib: useRef<HTMLInputElement>(null),
    storageGib: useRef<HTMLInputElement>(null),
  };

  function focusFirst(fields: Partial<Record<Field, string>>) {
    const first = (["name", "cpuCores", "memoryGib", "storageGib"] as const).find((field) => fields[field]);
    if (first) refs[first].current?.focus();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseQuotaInput(quota);
    const fields: Partial<Record<Field, string>> = { ...parsed.problems };
    const problem = nameProblem(name, projectNameSchema);
    if (problem) fields.name = problem;
    if (Object.keys(fields).length > 0) {
      setErrors({ message: null, fields });
      focusFirst(fields);
      return;
    }
    setErrors({ message: null, fields: {} });
    create.mutate(
      { name, quota: parsed.quota },
      {
        onSuccess: (project) => {
          setName("");
          setQuota(emptyQuota);
          props.onCreated(project);
        },
        onError: (error) => {
          const result = formErrorsFrom<Field>(error, {
            "body.name": "name",
            "body.quota": "cpuCores",
            "body.quota.cpuMillicores": "cpuCores",
            "body.quota.memoryMib": "memoryGib",
            "body.quota.storageGib": "storageGib",
          });
          for (const field of ["cpuCores", "memoryGib", "storageGib"] as const) {
            if (result.fields[field]) result.fields[field] = `${result.fields[field]} (${apiUnit[field]})`;
          }
          setErrors(result);
          focusFirst(result.fields);
        },
      },
    );
  }

  const quotaFields: readonly { field: QuotaField; label: string; step: string; free: string | undefined }[] = [
    { field: "cpuCores", label: "CPU (cores)", step: "0.1", free: props.free ? formatCpu(props.free.cpuMillicores) : undefined },
    { field: "memoryGib", label: "Memory (GiB)", step: "0.5", free: props.free ? formatMemory(props.free.memoryMib) : undefined },
    { field: "storageGib", label: "Storage (GiB)", step: "1", free: props.free ? formatStorage(props.free.storageGib) : undefined },
  ];
  const nameId = `${id}-name`;
  const nameHint = "Lower-case letters, digits and dashes; it names the namespace. Not default or kube-*.";

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Create a project" className="space-y-4">
      <FormErrorMessage message={errors.message} />
      <FormField id={nameId} label="Project name" hint={nameHint} error={errors.fields.name}>
        <input
          ref={refs.name}
          id={nameId}
          name="name"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.fields.name ? true : undefined}
          aria-describedby={describedBy(nameId, nameHint, errors.fields.name)}
          placeholder="payments"
          className={`${inputClassName} max-w-md font-mono`}
        />
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Quota</legend>
        <p className="mt-1 text-xs text-slate-600">Taken from what the workspace has free. Leave a field empty for none.</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-3">
          {quotaFields.map(({ field, label, step, free }) => {
            const fieldId = `${id}-${field}`;
            const hint = free ? `${free} free in the workspace` : undefined;
            return (
              <FormField key={field} id={fieldId} label={label} hint={hint} error={errors.fields[field]}>
                <input
                  ref={refs[field]}
                  id={fieldId}
                  name={field}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={step}
                  value={quota[field]}
                  onChange={(event) => setQuota((current) => ({ ...current, [field]: event.target.value }))}
                  aria-invalid={errors.fields[field] ? true : undefined}
                  aria-describedby={describedBy(fieldId, hint, errors.fields[field])}
                  className={inputClassName}
                />
              </FormField>
            );
          })}
        </div>
      </fieldset>
      <button type="submit" disabled={create.isPending} className={buttonStyles.primary}>
        {create.isPending ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}
