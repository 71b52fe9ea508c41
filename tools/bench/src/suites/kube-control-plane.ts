import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchSuite, Measurement } from "../bench-suite";
import { percentile } from "../bench-suite";

const script = fileURLToPath(new URL("../../../../packages/kube-local/bench/control-plane.bench.ts", import.meta.url));

interface Sample {
  metric: string;
  value: number;
  unit: string;
}

/**
 * The local Kubernetes control plane (packages/kube-local): host cold and warm start, virtual
 * cluster start and restart, resident memory per virtual cluster. It starts real processes, so it
 * runs as its own program and reports JSON lines, which are summarized here.
 */
export const kubeControlPlane: BenchSuite = {
  name: "kube-control-plane",
  description: "local control plane start times and memory per virtual cluster (3 runs)",
  async run() {
    const lines = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", script, "--runs", "3"], { stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`control-plane bench exited ${code}`))));
    });
    const byMetric = new Map<string, Sample[]>();
    for (const line of lines.split("\n").filter(Boolean)) {
      const sample = JSON.parse(line) as Sample;
      byMetric.set(sample.metric, [...(byMetric.get(sample.metric) ?? []), sample]);
    }
    return [...byMetric.entries()].map(([metric, samples]): Measurement => {
      const values = samples.map((s) => s.value).sort((a, b) => a - b);
      return { metric, median: percentile(values, 50), unit: samples[0]?.unit ?? "", samples: values.length };
    });
  },
};
