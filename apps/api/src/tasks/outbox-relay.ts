import { schema, type Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import type { Queue } from "@hks/queue";
import { asc, inArray, isNull } from "drizzle-orm";

/**
 * Publishes committed outbox messages to the work queue with the outbox id as the message id.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several relays (one per worker replica) share
 * the work without double-sending; if a relay dies after publishing but before marking, the next
 * publish of the same id is dropped by the queue's deduplication.
 */
export function startOutboxRelay(deps: { db: Database; queue: Queue; logger: Logger; intervalMs?: number; batchSize?: number }) {
  const intervalMs = deps.intervalMs ?? 250;
  const batchSize = deps.batchSize ?? 100;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function relayOnce(): Promise<number> {
    return deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(schema.outbox)
        .where(isNull(schema.outbox.publishedAt))
        .orderBy(asc(schema.outbox.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        const { duplicate } = await deps.queue.publish(row.subject, row.payload, { messageId: row.id });
        deps.logger.debug({ outboxId: row.id, subject: row.subject, duplicate }, "outbox message relayed");
      }
      if (rows.length > 0) {
        await tx.update(schema.outbox).set({ publishedAt: new Date() }).where(inArray(schema.outbox.id, rows.map((row) => row.id)));
      }
      return rows.length;
    });
  }

  const loop = async () => {
    while (!stopped) {
      let sent = 0;
      try {
        sent = await relayOnce();
      } catch (error) {
        // The queue or the database is down: the messages stay in the outbox for the next round.
        deps.logger.warn({ err: error }, "outbox relay round failed; will retry");
      }
      if (sent < batchSize) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
  running = loop();

  return {
    relayOnce,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
