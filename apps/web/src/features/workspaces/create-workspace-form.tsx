"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { defaultKubernetesVersion, type OrganizationResponse } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { describedBy, FormErrorMessage, FormField, inputClassName } from "@/components/form-field";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { SectionCard } from "@/components/section-card";
import { formErrorsFrom } from "@/lib/api-form-errors";
import { formatResources } from "./format-resources";
import { useCreateWorkspace } from "./use-create-workspace";
import { usePlans } from "./use-plans";
import { workspaceHref } from "./workspace-links";
import { nameProblem } from "./workspace-name-rule";

type Field = "name" | "planId" | "description";

const MAX_DESCRIPTION = 1000;

/**
 * A new workspace: a name (checked with the API's DNS-label rule as you go, once you have left the
 * field), a plan from the catalogue and an optional description. The API's refusals land on the
 * field they name (`details[].field`), with its message on top; focus moves to the first field
 * in error. On success the workspace's page opens, where provisioning can be watched.
 */
export function CreateWorkspaceForm({ organization }: { organization: OrganizationResponse }) {
  const id = useId();
  const router = useRouter();
  const plans = usePlans();
  const create = useCreateWorkspace(organization.id);
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [planId, setPlanId] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<{ message: string | null; fields: Partial<Record<Field, string>> }>({ message: null, fields: {} });
  const refs = {
    name: useRef<HTMLInputElement>(null),
    planId: useRef<HTMLFieldSetElement>(null),
    description: useRef<HTMLTextAreaElement>(null),
  };

  const chosenPlanId = planId ?? plans.data?.[0]?.id ?? "";
  const liveNameError = nameTouched ? nameProblem(name) : undefined;
  const nameError = errors.fields.name ?? liveNameError;

  function focusFirst(fields: Partial<Record<Field, string>>) {
    const first = (["name", "planId", "description"] as const).find((field) => fields[field]);
    if (first === "planId") refs.planId.current?.querySelector<HTMLInputElement>("input:checked, input")?.focus();
    else if (first) refs[first].current?.focus();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Partial<Record<Field, string>> = {};
    const problem = nameProblem(name);
    if (problem) fields.name = problem;
    if (!chosenPlanId) fields.planId = "Choose a plan.";
    if (description.length > MAX_DESCRIPTION) fields.description = `Use at most ${MAX_DESCRIPTION} characters.`;
    setNameTouched(true);
    if (Object.keys(fields).length > 0) {
      setErrors({ message: null, fields });
      focusFirst(fields);
      return;
    }
    setErrors({ message: null, fields: {} });
    create.mutate(
      { name, planId: chosenPlanId, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (workspace) => router.push(workspaceHref(organization.id, workspace.id)),
        onError: (error) => {
          const next = formErrorsFrom<Field>(error, { "body.name": "name", "body.planId": "planId", "body.resources": "planId", "body.description": "description" });
          setErrors(next);
          focusFirst(next.fields);
        },
      },
    );
  }

  const nameId = `${id}-name`;
  const descriptionId = `${id}-description`;
  const planLegendId = `${id}-plan-legend`;
  const nameHint = "Lower-case letters, digits and dashes, up to 63 characters. It names the cluster's Kubernetes objects and must be unique in the organization.";

  return (
    <SectionCard id="create-workspace" title="New workspace" description={`In ${organization.name}. It runs Kubernetes ${defaultKubernetesVersion} and is provisioned as soon as it is created.`}>
      <form onSubmit={handleSubmit} noValidate aria-labelledby="create-workspace-heading" className="space-y-6 px-6 py-5">
        <FormErrorMessage message={errors.message} />

        <FormField id={nameId} label="Name" hint={nameHint} error={nameError}>
          <input
            ref={refs.name}
            id={nameId}
            name="name"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (errors.fields.name) setErrors((current) => ({ ...current, fields: { ...current.fields, name: undefined } }));
            }}
            onBlur={() => setNameTouched(name.length > 0 || nameTouched)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy(nameId, nameHint, nameError)}
            placeholder="team-a-dev"
            className={`${inputClassName} max-w-md font-mono`}
          />
        </FormField>

        <fieldset ref={refs.planId} aria-describedby={errors.fields.planId ? `${id}-plan-error` : undefined}>
          <legend id={planLegendId} className="text-sm font-medium text-slate-900">
            Plan
          </legend>
          <p className="mt-1 text-xs text-slate-600">The plan sets how large the workspace may be, and how many workspaces the organization may hold.</p>
          {plans.isPending ? (
            <p className="mt-3 text-sm text-slate-600">Loading the plans…</p>
          ) : plans.isError ? (
            <div className="mt-3 rounded-lg border border-slate-200">
              <LoadFailedMessage what="the plans" onRetry={() => void plans.refetch()} error={plans.error} />
            </div>
          ) : (
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              {plans.data.map((plan) => (
                <label
                  key={plan.id}
                  className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-4 has-checked:border-indigo-600 has-checked:bg-indigo-50/50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
                >
                  <input
                    type="radio"
                    name="planId"
                    value={plan.id}
                    checked={chosenPlanId === plan.id}
                    onChange={() => setPlanId(plan.id)}
                    aria-describedby={`${id}-plan-${plan.id}`}
                    className="mt-0.5 size-4 accent-indigo-600 focus-visible:outline-none"
                  />
                  <span className="min-w-0 text-sm">
                    <span className="block font-medium text-slate-900">{plan.name}</span>
                    <span id={`${id}-plan-${plan.id}`} className="mt-1 block text-slate-600">
                      {formatResources({ cpuMillicores: plan.limits.cpuMillicores, memoryMib: plan.limits.memoryMib, storageGib: plan.limits.storageGib })} per workspace; up to{" "}
                      {plan.limits.workspaces} workspaces with {plan.limits.projectsPerWorkspace} projects each.
                    </span>
                  </span>
                </label>
              ))}
            </div>
          )}
          {errors.fields.planId ? (
            <p id={`${id}-plan-error`} className="mt-2 text-sm text-red-700">
              {errors.fields.planId}
            </p>
          ) : null}
        </fieldset>

        <FormField id={descriptionId} label="Description (optional)" error={errors.fields.description}>
          <textarea
            ref={refs.description}
            id={descriptionId}
            name="description"
            rows={3}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            aria-invalid={errors.fields.description ? true : undefined}
            aria-describedby={describedBy(descriptionId, undefined, errors.fields.description)}
            className={`${inputClassName} max-w-2xl`}
          />
        </FormField>

        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={create.isPending || !plans.data} className={buttonStyles.primary}>
            {create.isPending ? "Creating…" : "Create workspace"}
          </button>
          <button type="button" onClick={() => router.push("/workspaces")} className={buttonStyles.secondary}>
            Cancel
          </button>
        </div>
      </form>
    </SectionCard>
  );
}
