import type { Cache } from "@hks/cache";
import type { Logger } from "@hks/observability";
import type { ScheduledJob } from "./scheduled-job";

/**
 * Runs each job once right away and then every `everyMs`, holding a cache lease for the interval
 * so concurrent replicas skip a run another replica already took. A failing job is logged and
 * tried again at the next interval; it never stops the scheduler.
 */
export function startScheduler(deps: { jobs: ScheduledJob[]; cache: Cache; logger: Logger }): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;

  const runOnce = (job: ScheduledJob) => {
    if (stopped) return;
    const run = (async () => {
      const leased = await deps.cache.setIfAbsent(`job-lease:${job.name}`, String(process.pid), { ttlMs: Math.max(1_000, job.everyMs - 1_000) });
      if (!leased) return;
      const started = performance.now();
      try {
        const result = await job.run();
        deps.logger.info({ job: job.name, ms: Math.round(performance.now() - started), ...(result ?? {}) }, "scheduled job done");
      } catch (error) {
        deps.logger.error({ job: job.name, err: error }, "scheduled job failed");
      }
    })().catch((error: unknown) => deps.logger.error({ job: job.name, err: error }, "scheduled job could not start"));
    running.add(run);
    void run.finally(() => running.delete(run));
  };

  for (const job of deps.jobs) {
    runOnce(job);
    const timer = setInterval(() => runOnce(job), job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
