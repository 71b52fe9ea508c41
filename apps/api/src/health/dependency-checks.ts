import type { Readiness } from "@hks/contracts";

export type DependencyCheck = () => Promise<void>;

/** Bounds each check so one hung dependency makes the probe fail fast instead of hanging it. */
async function runCheck(check: DependencyCheck, timeoutMs: number): Promise<Readiness["checks"][string]> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    // The message names the failing dependency's symptom, never a connection string.
    const message = error instanceof Error && error.message.startsWith("no answer") ? error.message : "check failed";
    return { status: "failing", message };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(
  checks: Record<string, DependencyCheck | undefined>,
  timeoutMs: number,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const result = check ? await runCheck(check, timeoutMs) : { status: "not_configured" as const };
      return [name, result] as const;
    }),
  );
  const results = Object.fromEntries(entries);
  const ready = Object.values(results).every((r) => r.status !== "failing");
  return { status: ready ? "ready" : "not_ready", checks: results };
}
