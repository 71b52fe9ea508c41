"use client";

import type { ReactNode } from "react";
import type { OrganizationResponse } from "@hks/contracts";
import { EmptyState } from "@/components/empty-state";
import { OutlineIcon } from "@/components/outline-icon";
import { consoleSections } from "@/features/console-shell/console-sections";
import { LiveAnnouncement, useAnnouncement } from "@/components/live-announcement";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { CreateOrganizationForm } from "./create-organization-form";
import { useCurrentOrganization } from "./current-organization";

/**
 * What a page of one organization shows before it has one: a loading line, a load failure with a
 * retry, or — for someone in no organization yet — an invitation to create the first. Once there
 * is a current organization, `children` renders with it. Creating the first one replaces the form
 * with the page, so the outcome is announced (and focused) in a region that stays.
 */
export function OrganizationGate(props: { children: (organization: OrganizationResponse, organizations: OrganizationResponse[]) => ReactNode }) {
  const { state } = useCurrentOrganization();
  const { announcement, announce, ref } = useAnnouncement();
  const outcome = <LiveAnnouncement announcement={announcement} announcementRef={ref} className="mb-6" />;

  if (state.status === "loading") return <p className="text-sm text-slate-600">Loading your organizations…</p>;
  if (state.status === "error") {
    return (
      <div className="rounded-xl border border-slate-200 bg-white">
        <LoadFailedMessage what="your organizations" onRetry={state.retry} error={state.error} />
      </div>
    );
  }
  // The region comes first in both branches below, so React keeps it (and its message) when the
  // empty state gives way to the page.
  if (!state.current) {
    return (
      <>
        {outcome}
        <EmptyState
          title="Create your first organization"
          description="An organization holds your workspaces, members and billing. You will be its owner; you can invite others later."
          icon={<OutlineIcon path={consoleSections.organizations.iconPath} className="size-6" />}
          action={
            <div className="w-full max-w-md text-left">
              <CreateOrganizationForm onCreated={(organization) => announce("success", `Created ${organization.name}. It is now your current organization.`, { focus: true })} />
            </div>
          }
        />
      </>
    );
  }
  return (
    <>
      {outcome}
      {props.children(state.current, state.organizations)}
    </>
  );
}
