"use client";

import type { ProjectResponse, WorkspaceResponse } from "@hks/contracts";
import { SectionCard } from "@/components/section-card";
import { CreateProjectForm } from "./create-project-form";
import { ProjectList } from "./project-list";
import type { useProjects } from "./use-projects";

/** A workspace's projects and the form for a new one, as the workspace page shows them. */
export function WorkspaceProjectsSection(props: {
  orgId: string;
  workspace: WorkspaceResponse;
  projects: ReturnType<typeof useProjects>;
  onCreated: (project: ProjectResponse) => void;
}) {
  const { workspace } = props;
  return (
    <SectionCard id="projects" title="Projects" description="Each project is a namespace of the virtual cluster, with a quota taken from the workspace's resources.">
      <ProjectList projects={props.projects} workspaceName={workspace.name} />
      <div className="border-t border-slate-200 px-6 py-5">
        <h3 className="mb-3 text-sm font-semibold text-slate-900">New project</h3>
        <CreateProjectForm orgId={props.orgId} wsId={workspace.id} free={workspace.free} onCreated={props.onCreated} />
      </div>
    </SectionCard>
  );
}
