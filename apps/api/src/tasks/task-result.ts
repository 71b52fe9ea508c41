import { schema, type Database } from "@hks/db";
import { eq } from "drizzle-orm";

/**
 * Records what a task reports about its work (shown as `result` on the task). A step calls it
 * when its outcome is known; a step that runs again replaces it.
 */
export async function recordTaskResult(db: Pick<Database, "update">, taskId: string, result: Record<string, unknown>): Promise<void> {
  await db.update(schema.tasks).set({ result, updatedAt: new Date() }).where(eq(schema.tasks.id, taskId));
}
