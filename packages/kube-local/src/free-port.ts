import { createServer } from "node:net";

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that is free right now. `preferred` (e.g. the port a persisted
 * cluster used last time, so its kubeconfig stays valid) is returned when it is still free.
 * The port is only reserved until the caller binds it, so callers retry on "address already in
 * use" (see `isAddressInUse`).
 */
export async function findFreePort(preferred?: number): Promise<number> {
  if (preferred !== undefined && preferred > 0) {
    const port = await tryListen(preferred);
    if (port !== undefined) return port;
  }
  const port = await tryListen(0);
  if (port === undefined) throw new Error("could not find a free TCP port on 127.0.0.1");
  return port;
}

/** Whether a server's log says it lost the race for its port to another process. */
export function isAddressInUse(logText: string): boolean {
  return /address already in use/i.test(logText);
}
