import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { describeNetworkFailure } from "./network-failure";

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real TCP server that runs `onConnection` for every socket, on a free loopback port. */
async function tcpServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function closedPort(): Promise<number> {
  const port = await tcpServer(() => {});
  await new Promise((resolve) => servers.pop()?.close(resolve));
  return port;
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("describeNetworkFailure (against real sockets)", () => {
  it("explains a refused connection", async () => {
    const error = await failureOf(fetch(`http://127.0.0.1:${await closedPort()}/`));
    expect(describeNetworkFailure(error)).toBe("connection refused (ECONNREFUSED)");
  });

  it("explains a connection the server drops without answering", async () => {
    const port = await tcpServer((socket) => socket.once("data", () => socket.destroy()));
    const error = await failureOf(fetch(`http://127.0.0.1:${port}/`));
    expect(describeNetworkFailure(error)).toMatch(/closed unexpectedly|reset/);
  });

  it("explains a server that never answers within the timeout", async () => {
    const port = await tcpServer(() => {}); // accepts, then stays silent
    const error = await failureOf(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(100) }));
    expect(describeNetworkFailure(error)).toBe("no answer before the timeout");
  });

  it("returns undefined for errors that are not network failures", () => {
    expect(describeNetworkFailure(new Error("boom"))).toBeUndefined();
    expect(describeNetworkFailure(new TypeError("x is not a function"))).toBeUndefined();
    expect(describeNetworkFailure("string")).toBeUndefined();
  });
});
