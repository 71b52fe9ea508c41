import { newId, schema, type Database } from "@hks/db";

type Executor = Pick<Database, "insert">;

/**
 * What the platform tells connected dashboards and CLIs as it happens. Every event belongs to one
 * organization and is delivered only to that organization's members.
 */
export type PlatformEvent =
  | { type: "workspace.status"; organizationId: string; workspaceId: string; status: string; reason: string | null; at: string }
  /** A project was created, updated, moved or deleted; its namespace follows through a workspace sync. */
  | { type: "project.status"; organizationId: string; workspaceId: string; projectId: string; status: "CREATED" | "UPDATED" | "MOVED" | "DELETED"; at: string }
  | {
      type: "task.progress";
      organizationId: string;
      workspaceId: string | null;
      taskId: string;
      kind: string;
      status: string;
      step: { position: number; name: string; status: string } | null;
      at: string;
    };

/** Outbox subjects of events start with this; the relay hands them to the event bus, not the work queue. */
export const EVENT_SUBJECT_PREFIX = "events.";

/**
 * Records an event in the caller's transaction, through the outbox: it is delivered if and only
 * if the change it describes commits, in the order it was written.
 */
export async function emitEvent(executor: Executor, event: PlatformEvent): Promise<void> {
  await executor.insert(schema.outbox).values({ id: newId("outbox"), subject: `${EVENT_SUBJECT_PREFIX}${event.organizationId}`, payload: event });
}
