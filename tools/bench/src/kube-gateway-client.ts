import { Pool } from "undici";

/**
 * The client half of the kube-gateway suite, in its own process (as kubectl is) so that it does
 * not share an event loop with the API it measures. Reads its targets as JSON from argv[2], prints
 * the samples as JSON on stdout.
 */
interface ClientPlan {
  gateway: { origin: string; ca: string; prefix: string; token: string };
  direct: { origin: string; ca: string; cert: string; key: string };
  listPath: string;
  onePath: string;
  runs: number;
  smallRuns: number;
  clients: number;
  perClient: number;
}

const plan = JSON.parse(process.argv[2] ?? "{}") as ClientPlan;
const gateway = new Pool(plan.gateway.origin, { connect: { ca: plan.gateway.ca } });
const direct = new Pool(plan.direct.origin, { connect: { ca: plan.direct.ca, cert: plan.direct.cert, key: plan.direct.key } });

async function get(pool: Pool, path: string, headers: Record<string, string>): Promise<number> {
  const response = await pool.request({ method: "GET", path, headers: { accept: "application/json", ...headers } });
  const body = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}: ${body.slice(0, 300)}`);
  return body.length;
}

const viaGateway = (path: string) => () => get(gateway, `${plan.gateway.prefix}${path}`, { authorization: `Bearer ${plan.gateway.token}` });
const straight = (path: string) => () => get(direct, path, {});

async function timed(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < Math.max(2, runs / 10); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

async function rate(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: plan.clients }, async () => {
    for (let i = 0; i < plan.perClient; i++) await fn();
  }));
  return (plan.clients * plan.perClient) / ((performance.now() - started) / 1000);
}

const [gatewayBytes, directBytes] = [await viaGateway(plan.listPath)(), await straight(plan.listPath)()];
if (Math.abs(gatewayBytes - directBytes) > 64) throw new Error(`the lists differ: ${gatewayBytes} vs ${directBytes} bytes`);
// Interleaved rounds, so both paths see the same machine state.
const list = { direct: [] as number[], gateway: [] as number[] };
const one = { direct: [] as number[], gateway: [] as number[] };
const health: number[] = [];
for (let round = 0; round < 5; round++) {
  list.direct.push(...(await timed(straight(plan.listPath), plan.runs / 5)));
  list.gateway.push(...(await timed(viaGateway(plan.listPath), plan.runs / 5)));
  one.direct.push(...(await timed(straight(plan.onePath), plan.smallRuns / 5)));
  one.gateway.push(...(await timed(viaGateway(plan.onePath), plan.smallRuns / 5)));
  health.push(...(await timed(() => get(gateway, "/health", {}), plan.smallRuns / 5)));
}
const throughput = { direct: await rate(straight(plan.listPath)), gateway: await rate(viaGateway(plan.listPath)) };
process.stdout.write(`${JSON.stringify({ bytes: directBytes, list, one, health, throughput })}\n`);
await Promise.all([gateway.close(), direct.close()]);
