import type { ReactNode } from "react";
import { ConsoleHeader } from "@/features/console-shell/console-header";
import { ConsoleSidebar } from "@/features/console-shell/console-sidebar";
import { CurrentOrganizationProvider } from "@/features/organizations/current-organization";
import { PlatformFooter } from "@/features/platform-version/platform-footer";
import { requireSessionUser } from "@/features/session/require-session-user";

/**
 * The authenticated console. Signed-out visitors never get here: `src/proxy.ts` redirects them to
 * sign-in before anything renders. The layout loads the user for the header; the API still
 * authorizes every call the console makes. The current organization (chosen in the header's
 * switcher, remembered per browser) is shared with every page through a context.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  return (
    <CurrentOrganizationProvider>
      <div className="flex min-h-screen flex-col lg:pl-64">
        <ConsoleHeader user={user} />
        <ConsoleSidebar />
        <main id="main-content" className="flex-1 px-4 py-8 sm:px-6 lg:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
        <PlatformFooter className="border-t border-slate-200 px-4 py-4 sm:px-6 lg:px-8" />
      </div>
    </CurrentOrganizationProvider>
  );
}
