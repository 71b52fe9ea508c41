import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { OutlineIcon } from "@/components/outline-icon";
import { PageHeader } from "@/components/page-header";
import { consoleSections, dashboardSection } from "@/features/console-shell/console-sections";
import { GettingStartedSteps } from "@/features/console-shell/getting-started-steps";
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
        <EmptyState
          title={dashboardSection.emptyTitle}
          description={dashboardSection.emptyDescription}
          icon={<OutlineIcon path={consoleSections.organizations.iconPath} className="size-6" />}
          action={
            // A plain link: the API serves its reference through the web origin, outside Next's router.
            <a
              href="/docs"
              className="inline-flex items-center rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              Browse the API reference
            </a>
          }
        />
        <GettingStartedSteps />
      </div>
    </>
  );
}
