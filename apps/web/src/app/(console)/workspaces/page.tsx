import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { WorkspacesOverview } from "@/features/workspaces/workspaces-overview";

export const metadata: Metadata = { title: consoleSections.workspaces.label };

/** The current organization's workspaces (the organization comes from the switcher, in the browser). */
export default async function WorkspacesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { deleted } = await searchParams;
  return <WorkspacesOverview deletedName={typeof deleted === "string" && deleted.length <= 63 ? deleted : null} />;
}
