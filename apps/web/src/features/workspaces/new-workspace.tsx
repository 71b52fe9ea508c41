"use client";

import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { OrganizationGate } from "@/features/organizations/organization-gate";
import { CreateWorkspaceForm } from "./create-workspace-form";

/** The "New workspace" page: the form, in the current organization. */
export function NewWorkspace() {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/workspaces" className="text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          Workspaces
        </Link>
      </nav>
      <PageHeader title="New workspace" description="A virtual Kubernetes cluster of its own, sized by its plan." />
      <div className="mt-8">
        <OrganizationGate>{(organization) => <CreateWorkspaceForm key={organization.id} organization={organization} />}</OrganizationGate>
      </div>
    </>
  );
}
