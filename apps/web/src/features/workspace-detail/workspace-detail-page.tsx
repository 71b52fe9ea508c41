"use client";

import { useEffect, useRef } from "react";
import { useCurrentOrganization } from "@/features/organizations/current-organization";
import { OrganizationGate } from "@/features/organizations/organization-gate";
import { WorkspaceDetail } from "./workspace-detail";

/**
 * The workspace page's organization: the one its link names (`?org=`), which becomes the current
 * organization when I belong to it, else the current one. The switch happens once per link, so
 * choosing another organization in the header afterwards is not undone.
 */
export function WorkspaceDetailPage({ wsId, orgIdFromLink }: { wsId: string; orgIdFromLink: string | null }) {
  const { state, select } = useCurrentOrganization();
  const applied = useRef(false);

  useEffect(() => {
    if (applied.current || state.status !== "ready" || !orgIdFromLink) return;
    applied.current = true;
    if (state.current?.id !== orgIdFromLink && state.organizations.some((organization) => organization.id === orgIdFromLink)) select(orgIdFromLink);
  }, [state, orgIdFromLink, select]);

  return (
    <OrganizationGate>
      {(current, organizations) => {
        const linked = orgIdFromLink ? organizations.find((organization) => organization.id === orgIdFromLink) : undefined;
        const organization = linked ?? current;
        return <WorkspaceDetail key={`${organization.id}/${wsId}`} orgId={organization.id} organizationName={organization.name} wsId={wsId} />;
      }}
    </OrganizationGate>
  );
}
