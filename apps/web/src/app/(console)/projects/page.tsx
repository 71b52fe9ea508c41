import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { ProjectsOverview } from "@/features/projects/projects-overview";

export const metadata: Metadata = { title: consoleSections.projects.label };

/** Projects of one workspace of the current organization; `?workspace=` chooses which. */
export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspace } = await searchParams;
  return <ProjectsOverview workspaceIdFromLink={typeof workspace === "string" && workspace.length > 0 ? workspace : null} />;
}
