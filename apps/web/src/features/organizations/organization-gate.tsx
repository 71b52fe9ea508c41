"use client";

import type { ReactNode } from "react";
import type { OrganizationResponse } from "@hks/contracts";
import { EmptyState } from "@/components/empty-state";
import { OutlineIcon } from "@/components/outline-icon";
import { consoleSections } from "@/features/console-shell/console-sections";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { CreateOrganizationForm } from "./create-organization-form";
import { useCurrentOrganization } from "./current-organization";

/**
 * What a page of one organization shows before it has one: a loading line, a load failure with a
 * retry, or — for someone in no organization yet — an invitation to create the first. Once there
 * is a current organization, `children` renders with it.
 */
export function OrganizationGate(props: { children: (organization: OrganizationResponse, organizations: OrganizationResponse[]) => ReactNode }) {
  const { state } = useCurrentOrganization();

  if (state.status === "loading") return <p className="text-sm text-slate-600">Loading your organizations…</p>;
  if (state.status === "error") {
    return (
      <div className="rounded-xl border border-slate-200 bg-white">
        <LoadFailedMessage what="your organizations" onRetry={state.retry} error={state.error} />
      </div>
    );
  }
  if (!state.current) {
    return (
      <EmptyState
        title="Create your first organization"
        description="An organization holds your workspaces, members and billing. You will be its owner; you can invite others later."
        icon={<OutlineIcon path={consoleSections.organizations.iconPath} className="size-6" />}
        action={
          <div className="w-full max-w-md text-left">
            <CreateOrganizationForm />
          </div>
        }
      />
    );
  }
  return <>{props.children(state.current, state.organizations)}</>;
}
