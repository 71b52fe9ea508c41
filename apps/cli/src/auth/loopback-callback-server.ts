import { createServer, type ServerResponse } from "node:http";
import type { CallbackPage } from "./callback-page";

const CALLBACK_PATH = "/callback";

/** The browser's one request to the loopback redirect URI. */
export interface LoopbackCallback {
  /** Query parameters of the redirect: `code` and `state` on success. */
  params: URLSearchParams;
  /** Answers the browser, then closes the server. */
  respond(page: CallbackPage): Promise<void>;
}

export interface LoopbackCallbackServer {
  /** `http://127.0.0.1:<port>/callback`, the redirect URI to register for this sign-in. */
  redirectUri: string;
  /** The first GET /callback; rejects with `signal.reason` if the signal aborts first. */
  nextCallback(signal: AbortSignal): Promise<LoopbackCallback>;
  close(): Promise<void>;
}

/**
 * The loopback redirect target of RFC 8252 §7.3: an HTTP server on 127.0.0.1 (never `localhost`,
 * which may resolve elsewhere) on a port the OS picks, alive only while one sign-in waits. It
 * takes exactly one request: the first GET /callback addressed to this host and port. Anything
 * else is refused without ending the wait (a browser's favicon request, a page on another origin
 * reaching it by DNS rebinding); once the callback has come, every request is refused and the
 * server closes after answering it.
 */
export async function startLoopbackCallbackServer(): Promise<LoopbackCallbackServer> {
  let deliver: (callback: LoopbackCallback) => void = () => {};
  const arrived = new Promise<LoopbackCallback>((resolve) => (deliver = resolve));
  let taken = false;
  let expectedHost = "";

  const server = createServer((request, response) => {
    response.shouldKeepAlive = false;
    if (taken) return answerPlain(response, 410, "This sign-in has already been answered.");
    // A browser that followed the platform's redirect sends exactly this Host; another name
    // pointing at 127.0.0.1 means a page we did not send the user to.
    if (request.headers.host !== expectedHost) return answerPlain(response, 400, "Unexpected host.");
    const url = new URL(request.url ?? "/", `http://${expectedHost}`);
    if (url.pathname !== CALLBACK_PATH) return answerPlain(response, 404, "Not found.");
    if (request.method !== "GET") return answerPlain(response, 405, "Method not allowed.");
    taken = true;
    deliver({
      params: url.searchParams,
      respond: async (page) => {
        await answerHtml(response, page);
        await close();
      },
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the loopback server has no port");
  expectedHost = `127.0.0.1:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  return {
    redirectUri: `http://${expectedHost}${CALLBACK_PATH}`,
    nextCallback: (signal) =>
      new Promise<LoopbackCallback>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        void arrived.then((callback) => {
          signal.removeEventListener("abort", onAbort);
          resolve(callback);
        });
      }),
    close,
  };
}

/** The page carries the one-time code in its URL: keep it out of caches, frames and referrers. */
const pageHeaders = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

function answerHtml(response: ServerResponse, page: CallbackPage): Promise<void> {
  return new Promise((resolve) => {
    response.writeHead(page.status, { ...pageHeaders, "content-type": "text/html; charset=utf-8" });
    response.end(page.html, () => resolve());
  });
}

function answerPlain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...pageHeaders, "content-type": "text/plain; charset=utf-8" });
  response.end(`${text}\n`);
}
