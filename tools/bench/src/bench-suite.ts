/** One figure a benchmark reports. Medians are the headline; p95 shows the tail. */
export interface Measurement {
  metric: string;
  median: number;
  p95?: number;
  unit: string;
  samples: number;
  note?: string;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(): Promise<Measurement[]>;
}

export function percentile(sortedValues: number[], p: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const index = Math.min(sortedValues.length - 1, Math.ceil((p / 100) * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)] ?? Number.NaN;
}

/** Times `fn` `samples` times after `warmup` untimed runs; returns sorted milliseconds. */
export async function sampleMs(fn: () => Promise<unknown>, samples: number, warmup = Math.ceil(samples / 10)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export function summarize(metric: string, sortedMs: number[], note?: string): Measurement {
  return {
    metric,
    median: percentile(sortedMs, 50),
    p95: percentile(sortedMs, 95),
    unit: "ms",
    samples: sortedMs.length,
    ...(note ? { note } : {}),
  };
}
