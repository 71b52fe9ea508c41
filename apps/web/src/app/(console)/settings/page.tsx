import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { SectionPlaceholder } from "@/features/console-shell/section-placeholder";

const section = consoleSections.settings;

export const metadata: Metadata = { title: section.label };

export default function SettingsPage() {
  return <SectionPlaceholder section={section} />;
}
