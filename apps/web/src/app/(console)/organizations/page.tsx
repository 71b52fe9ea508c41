import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { consoleSections } from "@/features/console-shell/console-sections";
import { OrganizationsOverview } from "@/features/organizations/organizations-overview";

const section = consoleSections.organizations;

export const metadata: Metadata = { title: section.label };

export default function OrganizationsPage() {
  return (
    <>
      <PageHeader title={section.label} description={section.description} />
      <div className="mt-8">
        <OrganizationsOverview />
      </div>
    </>
  );
}
