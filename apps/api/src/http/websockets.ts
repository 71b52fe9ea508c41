import { liveCloseCodes } from "@hks/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { WebSocketServer, type WebSocket } from "ws";
import { pendingUpgradeOf } from "./upgrade-routing";

/** How long sockets get to finish the close handshake on shutdown before they are cut. */
const SHUTDOWN_CLOSE_MS = 2_000;

export interface WebSockets {
  /**
   * Completes the WebSocket handshake for a request that asked for one (`Upgrade: websocket`),
   * or returns undefined when it did not. The request has been through the whole lifecycle by
   * then — origin policy, authentication, authorization, validation, rate limits — so a refusal
   * was an ordinary HTTP error response with the error envelope.
   */
  accept(request: FastifyRequest): Promise<WebSocket> | undefined;
}

/**
 * WebSockets on top of the server's upgrade routing (`upgrade-routing.ts`, which the Kubernetes
 * gateway uses for exec and port-forward too): one `upgrade` listener, every upgrade request
 * routed like any other. On shutdown every open socket is closed with 1001 ("going away", so
 * clients reconnect to another replica) before the HTTP server closes; sockets that do not finish
 * the close handshake in time are cut, so a dead peer cannot hold the process open.
 */
export function installWebSockets(app: FastifyInstance): WebSockets {
  // Clients only listen; nothing they could send needs more than 4 KiB.
  const server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  app.addHook("preClose", async () => {
    const sockets = [...server.clients];
    await Promise.race([
      Promise.all(sockets.map((socket) => closeSocket(socket))),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_CLOSE_MS).unref()),
    ]);
    for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    accept(request) {
      const upgrade = pendingUpgradeOf(request);
      if (!upgrade || request.headers.upgrade?.toLowerCase() !== "websocket") return undefined;
      upgrade.claimed = true;
      return new Promise((resolve) => {
        server.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (socket) => {
          // Unclean disconnects and protocol errors from a client end its socket, never the process.
          socket.on("error", (error) => {
            request.log.info({ err: error }, "websocket error; dropping the socket");
            socket.terminate();
          });
          resolve(socket);
        });
      });
    },
  };
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once("close", () => resolve());
    socket.close(liveCloseCodes.SERVER_SHUTDOWN, "Server is shutting down");
  });
}
