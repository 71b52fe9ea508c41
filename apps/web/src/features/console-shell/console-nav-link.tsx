"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { OutlineIcon } from "@/components/outline-icon";
import type { ConsoleSection } from "./console-sections";

/** A sidebar entry; the current section gets `aria-current="page"` so it is announced, not just coloured. */
export function ConsoleNavLink({ section }: { section: ConsoleSection }) {
  const pathname = usePathname();
  const isCurrent = pathname === section.href || pathname.startsWith(`${section.href}/`);
  return (
    <Link
      href={section.href}
      aria-current={isCurrent ? "page" : undefined}
      className={`flex shrink-0 items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400 ${
        isCurrent ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
      }`}
    >
      <OutlineIcon path={section.iconPath} className={`size-5 ${isCurrent ? "text-indigo-300" : "text-slate-400"}`} />
      {section.label}
    </Link>
  );
}
