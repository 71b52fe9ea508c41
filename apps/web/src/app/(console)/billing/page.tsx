import type { Metadata } from "next";
import { consoleSections } from "@/features/console-shell/console-sections";
import { SectionPlaceholder } from "@/features/console-shell/section-placeholder";

const section = consoleSections.billing;

export const metadata: Metadata = { title: section.label };

export default function BillingPage() {
  return <SectionPlaceholder section={section} />;
}
