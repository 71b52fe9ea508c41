import os from "node:os";
import type { Measurement } from "./bench-suite";
import { suites } from "./suites";

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(", ")}; available: ${suites.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const selected = requested.length > 0 ? suites.filter((suite) => requested.includes(suite.name)) : suites;

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`# Hexabase KaaS benchmarks — ${new Date().toISOString()}`);
console.log(`# machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);

const format = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? "-" : value >= 100 ? value.toFixed(0) : value.toPrecision(3);

let failed = false;
for (const suite of selected) {
  console.log(`\n## ${suite.name}: ${suite.description}`);
  let results: Measurement[];
  try {
    results = await suite.run();
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`   failed: ${message.length > 500 ? `${message.slice(0, 500)}…` : message}`);
    continue;
  }
  for (const r of results) {
    const tail = r.p95 === undefined ? "" : `  p95 ${format(r.p95)} ${r.unit}`;
    const note = r.note ? `  (${r.note})` : "";
    console.log(`   ${r.metric.padEnd(48)} median ${format(r.median)} ${r.unit}${tail}  n=${r.samples}${note}`);
  }
}
process.exit(failed ? 1 : 0);
