import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { SectionPlaceholder } from "@/features/console-shell/section-placeholder";

const section = consoleSections.projects;

export const metadata: Metadata = { title: section.label };

export default function ProjectsPage() {
  return <SectionPlaceholder section={section} />;
}
