import websocket from "@fastify/websocket";
import { liveCloseCodes } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";

/** How long sockets get to finish the close handshake on shutdown before they are cut. */
const SHUTDOWN_CLOSE_MS = 2_000;

/**
 * WebSocket support for routes that declare a `wsHandler`. The upgrade request goes through the
 * whole request lifecycle first — origin policy, authentication, authorization, validation, rate
 * limits — and a refusal is an ordinary HTTP error response with the error envelope.
 *
 * On shutdown every open socket is closed with 1001 ("going away", so clients reconnect to
 * another replica) before the HTTP server closes; sockets that do not finish the close handshake
 * in time are cut, so a dead peer cannot hold the process open.
 */
export async function installWebSockets(app: FastifyInstance): Promise<void> {
  await app.register(websocket, {
    // Clients only listen; nothing they could send needs more than this.
    options: { maxPayload: 4096 },
    errorHandler: (error, socket, request) => {
      // Unclean disconnects and protocol errors from a client end its socket, never the process.
      request.log.info({ err: error }, "websocket error; dropping the socket");
      socket.terminate();
    },
    preClose: async () => {
      const sockets = [...app.websocketServer.clients];
      await Promise.race([
        Promise.all(sockets.map((socket) => closeSocket(socket))),
        new Promise((resolve) => setTimeout(resolve, SHUTDOWN_CLOSE_MS).unref()),
      ]);
      for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
    },
  });
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once("close", () => resolve());
    socket.close(liveCloseCodes.SERVER_SHUTDOWN, "Server is shutting down");
  });
}
