"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import type { OrganizationResponse } from "@hks/contracts";
import { buttonStyles } from "@/components/button-styles";
import { describedBy, FormErrorMessage, FormField, inputClassName } from "@/components/form-field";
import { formErrorsFrom } from "@/lib/api-form-errors";
import { useCreateOrganization } from "./use-create-organization";

const MAX_NAME_LENGTH = 100;

/** The API trims the name and wants 1–100 characters; the same rule here saves a round trip. */
function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return "Enter a name for the organization.";
  if (trimmed.length > MAX_NAME_LENGTH) return `Use at most ${MAX_NAME_LENGTH} characters.`;
  return undefined;
}

/**
 * Creates an organization with a name (its URL slug is derived by the API); the new organization
 * becomes the current one. Used by the switcher, the empty state and the Organizations page.
 */
export function CreateOrganizationForm(props: { onCreated?: (organization: OrganizationResponse) => void; submitLabel?: string; layout?: "inline" | "stacked" }) {
  const id = useId();
  const nameId = `${id}-name`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<{ message: string | null; name?: string | undefined }>({ message: null });
  const create = useCreateOrganization();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = nameProblem(name);
    if (problem) {
      setErrors({ message: null, name: problem });
      inputRef.current?.focus();
      return;
    }
    setErrors({ message: null });
    create.mutate(name.trim(), {
      onSuccess: (organization) => {
        setName("");
        props.onCreated?.(organization);
      },
      onError: (error) => {
        const { message, fields } = formErrorsFrom(error, { "body.name": "name", "body.slug": "name" });
        setErrors({ message, name: fields.name });
        inputRef.current?.focus();
      },
    });
  }

  const stacked = props.layout === "stacked";
  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Create an organization" className="space-y-3">
      <FormErrorMessage message={errors.message} />
      <div className={stacked ? "space-y-3" : "flex flex-wrap items-start gap-3"}>
        <FormField id={nameId} label="Organization name" error={errors.name} className={stacked ? undefined : "min-w-56 flex-1"}>
          <input
            ref={inputRef}
            id={nameId}
            name="name"
            type="text"
            autoComplete="organization"
            maxLength={MAX_NAME_LENGTH + 20}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(nameId, undefined, errors.name)}
            placeholder="Acme Platform Team"
            className={inputClassName}
          />
        </FormField>
        <button type="submit" disabled={create.isPending} className={`${buttonStyles.primary} ${stacked ? "w-full" : "mt-7"}`}>
          {create.isPending ? "Creating…" : (props.submitLabel ?? "Create organization")}
        </button>
      </div>
    </form>
  );
}
