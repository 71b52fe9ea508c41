import type { AddressInfo } from "node:net";
import { liveFrameSchema, type LiveFrame } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";

/** A test client of the events socket: records every frame and how the socket ended. */
export interface LiveClient {
  socket: WebSocket;
  frames: LiveFrame[];
  /** Resolves with the first recorded frame (past or future) that matches; fails after `timeoutMs`. */
  waitFor<T extends LiveFrame>(what: string, match: (frame: LiveFrame) => frame is T, timeoutMs?: number): Promise<T>;
  waitFor(what: string, match: (frame: LiveFrame) => boolean, timeoutMs?: number): Promise<LiveFrame>;
  /** How the server (or the network) ended the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** A refused handshake: the HTTP status and the error envelope the server answered with. */
export interface Refusal {
  status: number;
  body: { error?: { code?: string; message?: string; details?: unknown } };
}

export function wsUrlOf(app: FastifyInstance, path: string): string {
  const { port } = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}${path}`;
}

/** Opens the socket and waits for the upgrade; a refusal resolves to its status and body. */
export function openLive(url: string, headers: Record<string, string> = {}, options: { autoPong?: boolean } = {}): Promise<LiveClient | Refusal> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, autoPong: options.autoPong ?? true });
    const frames: LiveFrame[] = [];
    const waiters = new Set<() => void>();
    let ended: { code: number; reason: string } | undefined;
    const closed = new Promise<{ code: number; reason: string }>((resolveClosed) => {
      socket.on("close", (code, reason) => {
        ended = { code, reason: reason.toString() };
        resolveClosed(ended);
        for (const wake of waiters) wake();
      });
    });
    socket.on("message", (data) => {
      frames.push(liveFrameSchema.parse(JSON.parse(String(data))));
      for (const wake of waiters) wake();
    });
    socket.on("unexpected-response", (request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: body ? JSON.parse(body) : {} });
      });
    });
    socket.on("error", (error) => {
      if (socket.readyState === WebSocket.CONNECTING) reject(error);
    });
    socket.on("open", () => {
      const waitFor = (what: string, match: (frame: LiveFrame) => boolean, timeoutMs = 15_000): Promise<LiveFrame> =>
        new Promise((resolveFrame, rejectFrame) => {
          const check = () => {
            const found = frames.find(match);
            if (found) {
              done();
              resolveFrame(found);
            } else if (ended) {
              done();
              rejectFrame(new Error(`socket closed (${ended.code} ${ended.reason}) before ${what}; frames: ${JSON.stringify(frames)}`));
            }
          };
          const timer = setTimeout(() => {
            done();
            rejectFrame(new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(frames)}`));
          }, timeoutMs);
          const done = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      resolve({
        socket,
        frames,
        waitFor: waitFor as LiveClient["waitFor"],
        closed,
        async close() {
          if (socket.readyState === WebSocket.CLOSED) return;
          socket.close(1000, "test done");
          await closed;
        },
      });
    });
  });
}

export function isRefusal(result: LiveClient | Refusal): result is Refusal {
  return "status" in result;
}

/** Connects and waits for the `ready` frame; throws with the refusal if the server refused. */
export async function connectLive(url: string, headers: Record<string, string> = {}, options: { autoPong?: boolean } = {}): Promise<LiveClient> {
  const result = await openLive(url, headers, options);
  if (isRefusal(result)) throw new Error(`events socket refused: ${result.status} ${JSON.stringify(result.body)}`);
  await result.waitFor("the ready frame", (frame) => frame.type === "ready");
  return result;
}
