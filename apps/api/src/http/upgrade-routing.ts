import { ServerResponse, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** An `Upgrade` request's connection, until a route takes it over. */
export interface PendingUpgrade {
  socket: Duplex;
  /** Bytes the client sent after the request head (the start of the new protocol). */
  head: Buffer;
  /** Set by the route that switches protocols; until then the socket answers plain HTTP. */
  claimed: boolean;
}

const UPGRADE = Symbol("hks.pendingUpgrade");

type UpgradeRequest = IncomingMessage & { [UPGRADE]?: PendingUpgrade };

/**
 * Sends HTTP `Upgrade` requests (WebSocket, SPDY) through the normal Fastify route table, so they
 * get the same request id, hooks (origin policy, rate limits, authentication), error handling and
 * access log as any request. Node hands upgrades to the server's `upgrade` event with the bare
 * socket; here a response is attached to that socket and the request is routed like
 * @fastify/websocket does. A route that can switch protocols claims the socket
 * (`claimUpgrade`); every other route answers over HTTP as usual and the connection is closed after
 * its response.
 */
export function installUpgradeRouting(app: FastifyInstance): void {
  app.server.on("upgrade", (request: UpgradeRequest, socket: Duplex, head: Buffer) => {
    const pending: PendingUpgrade = { socket, head, claimed: false };
    request[UPGRADE] = pending;
    // The socket left the HTTP server's hands; errors on it are ours to absorb.
    socket.on("error", () => socket.destroy());
    const response = new ServerResponse(request);
    response.shouldKeepAlive = false;
    response.assignSocket(socket as Socket);
    response.on("finish", () => {
      if (!pending.claimed) socket.end();
    });
    app.routing(request, response);
  });
}

/** The pending upgrade of a request, if it asked to switch protocols and nothing took it yet. */
export function pendingUpgradeOf(request: FastifyRequest): PendingUpgrade | undefined {
  const pending = (request.raw as UpgradeRequest)[UPGRADE];
  return pending && !pending.claimed ? pending : undefined;
}
