import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackHttpServer {
  origin: string;
  port: number;
  /** Closes the listener and drops keep-alive connections, so tests never hang on stop. */
  stop(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 only: these identity providers sign in anyone who clicks a button, so they
 * must never be reachable from another machine. The handler may be installed after listening,
 * because the OIDC issuer URL (and so the provider) depends on the port a `port: 0` listen got.
 */
export async function listenOnLoopback(
  port: number,
  handler: () => RequestHandler,
): Promise<LoopbackHttpServer> {
  const server = createServer((req, res) => {
    Promise.resolve(handler()(req, res)).catch((error: unknown) => {
      console.error("dev-idp: request failed", error);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      }
      res.end("internal error in the development identity provider");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
