import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { dashboardSection } from "@/features/console-shell/console-sections";
import { GettingStartedSteps } from "@/features/console-shell/getting-started-steps";
import { CurrentOrganizationSummary } from "@/features/organizations/current-organization-summary";
import { requireSessionUser } from "@/features/session/require-session-user";

export const metadata: Metadata = { title: dashboardSection.label };

export default async function DashboardPage() {
  // Shares the layout's lookup (memoized per request), so this costs no extra API call.
  const user = await requireSessionUser();
  const firstName = user.name.trim().split(/\s+/)[0];

  return (
    <>
      <PageHeader
        title={dashboardSection.label}
        description={firstName ? `Welcome back, ${firstName}. ${dashboardSection.description}` : dashboardSection.description}
      />
      <div className="mt-8 space-y-6">
        <CurrentOrganizationSummary
          extraAction={
            // A plain link: the API serves its reference through the web origin, outside Next's router.
            <a href="/docs" className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              Or browse the API reference
            </a>
          }
        />
        <GettingStartedSteps />
      </div>
    </>
  );
}
