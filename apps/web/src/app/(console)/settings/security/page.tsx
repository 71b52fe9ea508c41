import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ActiveSessionsSection } from "@/features/security-settings/active-sessions-section";
import { SecurityEventsSection } from "@/features/security-settings/security-events-section";

export const metadata: Metadata = { title: "Security" };

/** Settings → Security: where I am signed in, and what happened on my account. */
export default function SecuritySettingsPage() {
  return (
    <>
      <PageHeader title="Security" description="Where your account is signed in, and its recent sign-in and security activity." />
      <div className="mt-8 space-y-8">
        <ActiveSessionsSection />
        <SecurityEventsSection />
      </div>
    </>
  );
}
