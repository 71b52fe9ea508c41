import { platformEventSchema, type PlatformEvent } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { assertEventSubject } from "@hks/events";

type Executor = Pick<Database, "insert">;

/**
 * What the platform tells connected dashboards and CLIs as it happens (schemas in
 * `@hks/contracts`, `live.ts`). Every event belongs to one organization and is delivered only to
 * that organization's members — and, when it names a workspace, only to those who may read it.
 */
export type { PlatformEvent };

/** Outbox subjects of events start with this; the relay hands them to the event bus, not the work queue. */
export const EVENT_SUBJECT_PREFIX = "events.";

/** The event-bus subject of an organization's events (also the outbox subject). */
export const eventSubjectOf = (organizationId: string): string => `${EVENT_SUBJECT_PREFIX}${organizationId}`;

/**
 * Records an event in the caller's transaction, through the outbox: it is delivered if and only
 * if the change it describes commits, in the order it was written. A malformed event throws here,
 * in the transaction of the change, rather than being dropped silently on its way to clients.
 */
export async function emitEvent(executor: Executor, event: PlatformEvent): Promise<void> {
  const payload = platformEventSchema.parse(event);
  const subject = eventSubjectOf(payload.organizationId);
  assertEventSubject(subject);
  await executor.insert(schema.outbox).values({ id: newId("outbox"), subject, payload });
}
