import type { SessionUser } from "@hks/contracts";
import { BrandMark } from "@/components/brand-mark";
import { OrganizationSwitcher } from "@/features/organizations/organization-switcher";
import { UserMenu } from "./user-menu";

/** The top bar (`banner` landmark): the brand on narrow screens, the organization switcher and the user menu always. */
export function ConsoleHeader({ user }: { user: SessionUser }) {
  return (
    <header className="sticky top-0 z-10 flex h-16 items-center justify-between gap-4 border-b border-slate-200 bg-white/95 px-4 backdrop-blur sm:px-6 lg:px-8">
      <div className="flex min-w-0 items-center gap-4">
        <div className="hidden sm:block lg:hidden">
          <BrandMark />
        </div>
        <OrganizationSwitcher />
      </div>
      <UserMenu user={user} />
    </header>
  );
}
