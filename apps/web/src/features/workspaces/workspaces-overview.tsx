"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonStyles } from "@/components/button-styles";
import { LiveAnnouncement, useAnnouncement } from "@/components/live-announcement";
import { PageHeader } from "@/components/page-header";
import { consoleSections } from "@/features/console-shell/console-sections";
import { useCurrentOrganization } from "@/features/organizations/current-organization";
import { OrganizationGate } from "@/features/organizations/organization-gate";
import { WorkspaceList } from "./workspace-list";

/** The Workspaces page: the current organization's workspaces, and the way to a new one. `deletedName` confirms a deletion that just finished. */
export function WorkspacesOverview({ deletedName }: { deletedName: string | null }) {
  const { state } = useCurrentOrganization();
  const { announcement, announce, ref } = useAnnouncement();

  useEffect(() => {
    if (deletedName) announce("success", `Workspace ${deletedName} has been deleted.`, { focus: true });
  }, [deletedName, announce]);

  const hasOrganization = state.status === "ready" && state.current !== null;
  return (
    <>
      <PageHeader
        title={consoleSections.workspaces.label}
        description={consoleSections.workspaces.description}
        actions={
          hasOrganization ? (
            <Link href="/workspaces/new" className={buttonStyles.primary}>
              Create workspace
            </Link>
          ) : null
        }
      />
      <div className="mt-8 space-y-6">
        <LiveAnnouncement announcement={announcement} announcementRef={ref} />
        <OrganizationGate>{(organization) => <WorkspaceList key={organization.id} organization={organization} />}</OrganizationGate>
      </div>
    </>
  );
}
