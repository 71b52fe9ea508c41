/**
 * Periodic maintenance (key rotation, audit retention). Every worker replica schedules every job;
 * a lease in the shared cache makes sure only one replica runs a given job per interval.
 */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(): Promise<Record<string, unknown> | void>;
}
