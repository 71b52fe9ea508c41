import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { SectionPlaceholder } from "@/features/console-shell/section-placeholder";

const section = consoleSections.groups;

export const metadata: Metadata = { title: section.label };

export default function GroupsAndRolesPage() {
  return <SectionPlaceholder section={section} />;
}
