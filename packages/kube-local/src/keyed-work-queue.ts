/**
 * Runs `work(key)` serially per key, coalescing requests that arrive while the key is being
 * worked on into one more run (the work always reads the latest state, as a controller's
 * reconcile does). Failures are retried with exponential backoff; keys are independent.
 */
export class KeyedWorkQueue {
  private readonly active = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown, retryInMs: number) => void,
    private readonly maxBackoffMs = 30_000,
  ) {}

  enqueue(key: string): void {
    if (this.closed) return;
    const pendingRetry = this.retryTimers.get(key);
    if (pendingRetry) {
      clearTimeout(pendingRetry);
      this.retryTimers.delete(key);
    }
    const running = this.active.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: true, done: Promise.resolve() };
    entry.done = this.drain(key, entry).finally(() => this.active.delete(key));
    this.active.set(key, entry);
  }

  private async drain(key: string, entry: { again: boolean }): Promise<void> {
    while (entry.again && !this.closed) {
      entry.again = false;
      try {
        await this.work(key);
        this.failures.delete(key);
      } catch (error) {
        const failures = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, failures);
        const retryInMs = Math.min(this.maxBackoffMs, 1000 * 2 ** (failures - 1));
        this.onError(key, error, retryInMs);
        if (!entry.again && !this.closed) {
          this.retryTimers.set(
            key,
            setTimeout(() => {
              this.retryTimers.delete(key);
              this.enqueue(key);
            }, retryInMs),
          );
        }
      }
    }
  }

  /** Resolves when no key is being worked on (pending retries do not count). */
  async idle(): Promise<void> {
    while (this.active.size > 0) {
      await Promise.all([...this.active.values()].map((entry) => entry.done));
    }
  }

  /** Stops accepting work, cancels retries and waits for the runs in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    await this.idle();
  }
}
