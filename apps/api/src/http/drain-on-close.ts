import type { FastifyInstance } from "fastify";

/**
 * While the server shuts down, answers in-flight requests with `Connection: close`.
 *
 * Node's `server.close()` closes only the connections idle at that moment; a keep-alive connection
 * whose request finishes afterwards would otherwise stay open until the keep-alive timeout, and
 * shutdown would hang that long (or be cut off by the grace period). Telling the client to close
 * ends each connection as soon as its last response is written.
 */
export function installDrainOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
}
