import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { SectionPlaceholder } from "@/features/console-shell/section-placeholder";

const section = consoleSections.monitoring;

export const metadata: Metadata = { title: section.label };

export default function MonitoringPage() {
  return <SectionPlaceholder section={section} />;
}
