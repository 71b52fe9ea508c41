import { BrandMark } from "@/components/brand-mark";
import { ConsoleNavLink } from "./console-nav-link";
import { sidebarSections } from "./console-sections";

/**
 * Primary navigation. A column on wide screens; on narrow ones the same list becomes a scrollable
 * row under the header, so there is one nav (no duplicate landmarks) and no JavaScript toggle.
 */
export function ConsoleSidebar() {
  return (
    <div className="bg-slate-900 lg:fixed lg:inset-y-0 lg:left-0 lg:flex lg:w-64 lg:flex-col">
      <div className="hidden h-16 shrink-0 items-center px-6 lg:flex">
        <BrandMark tone="light" />
      </div>
      <nav aria-label="Console" className="overflow-x-auto lg:flex-1 lg:overflow-y-auto">
        <ul className="flex gap-1 px-3 py-2 lg:flex-col lg:py-4">
          {sidebarSections.map((section) => (
            <li key={section.href}>
              <ConsoleNavLink section={section} />
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
