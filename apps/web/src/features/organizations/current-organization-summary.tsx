"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { buttonStyles } from "@/components/button-styles";
import { EmptyState } from "@/components/empty-state";
import { LiveAnnouncement, useAnnouncement } from "@/components/live-announcement";
import { LoadFailedMessage } from "@/components/load-failed-message";
import { OutlineIcon } from "@/components/outline-icon";
import { SectionCard } from "@/components/section-card";
import { consoleSections, dashboardSection } from "@/features/console-shell/console-sections";
import { CreateOrganizationForm } from "./create-organization-form";
import { useCurrentOrganization } from "./current-organization";
import { organizationRoleLabel } from "./organization-role-label";

/**
 * The dashboard's first card: the organization I am working in, with the way to its workspaces,
 * or — in none yet — the invitation to create one. `extraAction` (the API reference link) sits
 * next to the form in the empty state.
 */
export function CurrentOrganizationSummary({ extraAction }: { extraAction?: ReactNode }) {
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
  // empty state gives way to the summary.
  if (!state.current) {
    return (
      <>
        {outcome}
        <EmptyState
          title={dashboardSection.emptyTitle}
          description={dashboardSection.emptyDescription}
          icon={<OutlineIcon path={consoleSections.organizations.iconPath} className="size-6" />}
          action={
            <div className="w-full max-w-md space-y-4 text-left">
              <CreateOrganizationForm onCreated={(organization) => announce("success", `Created ${organization.name}. It is now your current organization.`, { focus: true })} />
              {extraAction ? <div className="text-center">{extraAction}</div> : null}
            </div>
          }
        />
      </>
    );
  }

  const { current, organizations } = state;
  const others = organizations.length - 1;
  const elsewhere = others > 0 ? ` You belong to ${others} other ${others === 1 ? "organization" : "organizations"}; switch in the header.` : "";
  return (
    <>
      {outcome}
      <SectionCard
        id="current-organization"
        title={current.name}
        description={`Your current organization; your role: ${organizationRoleLabel(current.myRole)}.${elsewhere}`}
        actions={
          <Link href="/workspaces" className={buttonStyles.primary}>
            Open workspaces
          </Link>
        }
      >
        <ul className="flex flex-wrap gap-x-6 gap-y-2 px-6 py-4 text-sm">
          {[consoleSections.workspaces, consoleSections.projects, consoleSections.organizations].map((section) => (
            <li key={section.href}>
              <Link
                href={section.href}
                className="inline-flex items-center gap-2 font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              >
                <OutlineIcon path={section.iconPath} className="size-4" />
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </SectionCard>
    </>
  );
}
