import { request as httpsRequest } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { downstreamResponseHeaders, headerMapOf, switchingProtocolsHead, type HeaderMap } from "./proxy-headers";
import { UpstreamUnavailableError } from "./forward-request";
import type { PendingUpgrade } from "../http/upgrade-routing";
import type { UpstreamTarget } from "./upstream-targets";

export interface ForwardUpgradeInput {
  target: UpstreamTarget;
  method: string;
  path: string;
  /** Already rewritten, including `Connection: Upgrade` and the client's `Upgrade` value. */
  headers: HeaderMap;
  upgrade: PendingUpgrade;
  /** The HTTP response on the client's socket, for answers that do not switch protocols. */
  response: ServerResponse;
  /** Aborted on server shutdown: the tunnel (or the pending upgrade) is closed. */
  signal: AbortSignal;
  /** Runs once the cluster's answer is known, before the client sees it (the audit event). */
  beforeResponse?: (statusCode: number) => Promise<void>;
}

export interface UpgradeOutcome {
  statusCode: number;
  /** Resolves when the connection is over (the tunnel closed, or the plain response was sent). */
  closed: Promise<void>;
}

/** How long the cluster may take to answer an upgrade (exec, attach, port-forward). */
const UPGRADE_ANSWER_TIMEOUT_MS = 30_000;

/**
 * Relays an `Upgrade` request (exec, attach, port-forward over WebSocket `v5.channel.k8s.io` or
 * SPDY) with the same identity headers as any request. When the cluster switches protocols, its
 * `101` goes back to the client verbatim and the two sockets are piped into each other until
 * either side closes; any other answer (a 403, a 400 for a pod without a node) is relayed as a
 * plain HTTP response and the connection closes after it. node:https does the HTTP on both legs.
 */
export function forwardUpgrade(input: ForwardUpgradeInput): Promise<UpgradeOutcome> {
  const { target, upgrade, response, signal } = input;
  const client = upgrade.socket;
  return new Promise<UpgradeOutcome>((resolve, reject) => {
    const url = new URL(target.origin);
    const upstream = httpsRequest({
      protocol: "https:",
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || 443,
      method: input.method,
      path: `${target.basePath}${input.path}`,
      headers: input.headers,
      ca: target.tls.ca,
      cert: target.tls.cert,
      key: target.tls.key,
      ...(target.tls.servername ? { servername: target.tls.servername } : {}),
      agent: false,
      timeout: UPGRADE_ANSWER_TIMEOUT_MS,
    });
    let settled = false;
    const onAbort = () => upstream.destroy();
    signal.addEventListener("abort", onAbort, { once: true });
    // The client may give up while the cluster is still answering.
    const onClientClose = () => upstream.destroy();
    client.once("close", onClientClose);

    const answered = () => {
      settled = true;
      signal.removeEventListener("abort", onAbort);
      client.off("close", onClientClose);
    };

    const switched = async (answer: IncomingMessage, upstreamSocket: Duplex, upstreamHead: Buffer) => {
      answered();
      upgrade.claimed = true;
      await input.beforeResponse?.(101);
      const closed = tunnel(client, upstreamSocket, { clientHead: upgrade.head, upstreamHead, head: switchingProtocolsHead(answer.rawHeaders, answer.statusMessage || undefined), signal });
      resolve({ statusCode: 101, closed });
    };

    const refused = async (answer: IncomingMessage) => {
      answered();
      const statusCode = answer.statusCode ?? 502;
      await input.beforeResponse?.(statusCode);
      response.writeHead(statusCode, { ...downstreamResponseHeaders(headerMapOf(answer.rawHeaders)), connection: "close" });
      const closed = new Promise<void>((done) => response.once("close", () => done()));
      answer.once("error", () => response.destroy());
      answer.pipe(response);
      resolve({ statusCode, closed });
    };

    upstream.once("upgrade", (answer: IncomingMessage, upstreamSocket: Duplex, upstreamHead: Buffer) => void switched(answer, upstreamSocket, upstreamHead));
    upstream.once("response", (answer: IncomingMessage) => void refused(answer));
    upstream.once("timeout", () => upstream.destroy(new Error("the virtual cluster did not answer the upgrade in time")));
    upstream.on("error", (error) => {
      if (settled) return;
      answered();
      reject(new UpstreamUnavailableError("the virtual cluster did not answer", { cause: error }));
    });
    upstream.end();
  });
}

/** After one side has closed, how long the other may take to flush and close before it is cut. */
const LINGER_MS = 10_000;

/**
 * Pipes two sockets into each other after writing the switch. A half-close (FIN) is passed on so
 * the other side can flush and finish; an error or shutdown closes both at once.
 */
function tunnel(client: Duplex, upstream: Duplex, options: { clientHead: Buffer; upstreamHead: Buffer; head: string; signal: AbortSignal }): Promise<void> {
  return new Promise<void>((done) => {
    const sockets = [client, upstream] as const;
    const other = (socket: Duplex) => (socket === client ? upstream : client);
    for (const socket of sockets) {
      (socket as Socket).setTimeout?.(0);
      (socket as Socket).setNoDelay?.(true);
    }
    const destroyBoth = () => sockets.forEach((socket) => socket.destroy());
    options.signal.addEventListener("abort", destroyBoth, { once: true });
    let open = sockets.length;
    for (const socket of sockets) {
      socket.once("error", destroyBoth);
      socket.once("end", () => other(socket).end());
      socket.once("close", () => {
        open -= 1;
        if (open > 0) {
          const peer = other(socket);
          peer.end();
          setTimeout(() => peer.destroy(), LINGER_MS).unref();
          return;
        }
        options.signal.removeEventListener("abort", destroyBoth);
        done();
      });
    }
    client.write(options.head);
    if (options.upstreamHead.length > 0) client.write(options.upstreamHead);
    if (options.clientHead.length > 0) upstream.write(options.clientHead);
    upstream.pipe(client, { end: false });
    client.pipe(upstream, { end: false });
    if (options.signal.aborted) destroyBoth();
  });
}
