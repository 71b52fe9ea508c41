import { EmptyState } from "@/components/empty-state";
import { OutlineIcon } from "@/components/outline-icon";
import { PageHeader } from "@/components/page-header";
import type { ConsoleSection } from "./console-sections";

/** A console section before its feature ships: its title and an empty state saying what will be here. */
export function SectionPlaceholder({ section }: { section: ConsoleSection }) {
  return (
    <>
      <PageHeader title={section.label} description={section.description} />
      <div className="mt-8">
        <EmptyState
          title={section.emptyTitle}
          description={section.emptyDescription}
          icon={<OutlineIcon path={section.iconPath} className="size-6" />}
        />
      </div>
    </>
  );
}
