import { schema, type Database } from "@hks/db";
import { isEventSubject, type EventBus } from "@hks/events";
import type { Logger } from "@hks/observability";
import type { Queue } from "@hks/queue";
import { asc, inArray, isNull } from "drizzle-orm";
import { EVENT_SUBJECT_PREFIX } from "../live/platform-event";

type OutboxRow = typeof schema.outbox.$inferSelect;

/**
 * Publishes committed outbox messages and marks them published. Work (`work.*`) goes to the work
 * queue with the outbox id as the message id; live events (`events.*`) go to the event bus, which
 * broadcasts them to every API replica and stores nothing (the work-queue stream would keep them
 * forever, as no consumer ever takes them).
 *
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several relays (one per worker replica) share
 * the work without double-sending. Rows are sent in id order and marked only once sent; the first
 * failure ends the round, the rows sent before it are marked and the rest wait for the next round.
 * If a relay dies after sending but before marking, the next round sends again: the queue drops
 * the repeated message id, and an event arrives twice (events are hints to re-read, so a
 * duplicate is harmless).
 */
export function startOutboxRelay(deps: { db: Database; queue: Queue; events: EventBus; logger: Logger; intervalMs?: number; batchSize?: number }) {
  const intervalMs = deps.intervalMs ?? 250;
  const batchSize = deps.batchSize ?? 100;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let wake: () => void = () => {};

  const send = async (row: OutboxRow): Promise<void> => {
    if (!row.subject.startsWith(EVENT_SUBJECT_PREFIX)) {
      await deps.queue.publish(row.subject, row.payload, { messageId: row.id });
    } else if (isEventSubject(row.subject)) {
      await deps.events.publish(row.subject, row.payload);
    } else {
      // emitEvent refuses such rows; one written by hand must not block every row behind it.
      deps.logger.error({ outboxId: row.id, subject: row.subject.slice(0, 200) }, "dropping an event with an invalid subject");
    }
  };

  /** One round; resolves to the number of rows sent, or rejects when none could be. */
  async function relayOnce(): Promise<number> {
    const { sent, failure } = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(schema.outbox)
        .where(isNull(schema.outbox.publishedAt))
        .orderBy(asc(schema.outbox.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      const done: string[] = [];
      let error: unknown;
      for (const row of rows) {
        try {
          await send(row);
        } catch (caught) {
          error = caught;
          break;
        }
        done.push(row.id);
      }
      if (done.length > 0) await tx.update(schema.outbox).set({ publishedAt: new Date() }).where(inArray(schema.outbox.id, done));
      return { sent: done.length, failure: error };
    });
    if (failure !== undefined) {
      if (sent === 0) throw failure;
      deps.logger.warn({ err: failure, sent }, "outbox relay stopped early; the rest waits for the next round");
    }
    return sent;
  }

  const loop = async () => {
    while (!stopped) {
      let sent = 0;
      try {
        sent = await relayOnce();
      } catch (error) {
        // The queue, the bus or the database is down: the messages stay in the outbox for the next round.
        deps.logger.warn({ err: error }, "outbox relay round failed; will retry");
      }
      if (sent < batchSize && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };
  running = loop();

  return {
    relayOnce,
    /** Finishes the round in progress (if any) and stops; does not wait out the pause between rounds. */
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
