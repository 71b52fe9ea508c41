import { liveCloseCodes, type LiveFrame, type PlatformEvent } from "@hks/contracts";
import type { Logger } from "@hks/observability";
import type { LiveAccess } from "./live-access";

/** What the connection needs of a WebSocket (`ws`'s WebSocket has it); tests pass a stand-in. */
export interface LiveSocket {
  send(data: string): void;
  close(code: number, reason: string): void;
  terminate(): void;
  ping(): void;
  readonly bufferedAmount: number;
}

export interface LiveConnectionSettings {
  /** Ping (and heartbeat frame) interval; a socket that did not answer the previous ping is dropped. */
  heartbeatMs: number;
  /** Periodic re-check of session and membership. */
  recheckMs: number;
  /** A re-check older than this is repeated before the next event is delivered. */
  accessCacheMs: number;
  /** Events waiting for delivery (authorization in progress) beyond which the client is "too slow". */
  maxPendingEvents: number;
  /** Bytes queued in the socket (unsent to a slow client) beyond which it is dropped. */
  maxBufferedBytes: number;
  /** How long a closing socket may take to finish the close handshake before it is cut. */
  closeTimeoutMs: number;
}

export const defaultLiveConnectionSettings = {
  accessCacheMs: 5_000,
  maxPendingEvents: 1_000,
  maxBufferedBytes: 1024 * 1024,
  closeTimeoutMs: 5_000,
} as const;

type CloseReason = keyof typeof liveCloseCodes;

/** Why a connection ended, for metrics: closed here (with that code), by the client, or cut as dead. */
export type LiveEnding = CloseReason | "CLIENT_CLOSED" | "NO_PONG";

/**
 * One events socket: receives the organization's events from the hub, delivers those this user
 * may see (in order, one at a time, since seeing a workspace's event may need an authorization
 * check), keeps the socket alive with pings and heartbeats, re-checks session and membership
 * periodically and before delivering once the last check is older than `accessCacheMs`, and
 * closes with a code that says why. Memory per socket is bounded: too many waiting events or too
 * many unsent bytes close it as TOO_SLOW.
 */
export class LiveConnection {
  private readonly pending: PlatformEvent[] = [];
  private started = false;
  private pumping = false;
  private closed = false;
  private answeredPing = true;
  private lastVerifiedAt: number;
  private verifying: Promise<boolean> | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly deps: {
      socket: LiveSocket;
      access: LiveAccess;
      organizationId: string;
      /** Only this workspace's events (the `?workspaceId=` filter), or all the user may see. */
      workspaceId: string | null;
      settings: LiveConnectionSettings;
      logger: Logger;
      /** Called once, when the connection ends for whatever reason. */
      onEnd: (ending: LiveEnding) => void;
      now?: () => number;
    },
  ) {
    // The upgrade request was authorized just now.
    this.lastVerifiedAt = this.now();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends the ready frame, delivers what arrived meanwhile and starts the timers. */
  start(): void {
    if (this.closed || this.started) return;
    this.started = true;
    const { settings } = this.deps;
    this.send({ type: "ready", organizationId: this.deps.organizationId, workspaceId: this.deps.workspaceId, heartbeatSeconds: Math.max(1, Math.round(settings.heartbeatMs / 1000)) });
    this.timers.push(setInterval(() => this.heartbeat(), settings.heartbeatMs), setInterval(() => void this.verify(), settings.recheckMs));
    for (const timer of this.timers) timer.unref();
    void this.pump();
  }

  /** From the hub: an event of the organization (synchronous; delivery happens in `pump`). */
  deliver(event: PlatformEvent): void {
    if (this.closed) return;
    if (this.deps.workspaceId !== null && event.workspaceId !== this.deps.workspaceId) return;
    if (this.pending.length >= this.deps.settings.maxPendingEvents) {
      this.close("TOO_SLOW", "Fell too far behind; reconnect and re-read");
      return;
    }
    this.pending.push(event);
    void this.pump();
  }

  /** From the hub: events may have been lost on the way; the client should re-read. */
  resync(reason: string): void {
    if (this.closed || !this.started) return;
    this.send({ type: "resync", reason });
  }

  /** The socket answered a ping. */
  pong(): void {
    this.answeredPing = true;
  }

  /** Closes with a code and reason (idempotent); cuts the socket if the handshake does not finish. */
  close(why: CloseReason, reason: string): void {
    if (this.closed) return;
    this.end(why);
    const code = liveCloseCodes[why];
    this.deps.logger.info({ organizationId: this.deps.organizationId, code, reason }, "closing events socket");
    try {
      this.deps.socket.close(code, reason);
    } catch {
      this.deps.socket.terminate();
      return;
    }
    setTimeout(() => this.deps.socket.terminate(), this.deps.settings.closeTimeoutMs).unref();
  }

  /** The socket is gone (closed by the client, cut, or closed here): release everything. */
  end(ending: LiveEnding = "CLIENT_CLOSED"): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.pending.length = 0;
    this.deps.onEnd(ending);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private heartbeat(): void {
    if (this.closed) return;
    if (!this.answeredPing) {
      this.deps.logger.info({ organizationId: this.deps.organizationId }, "events socket did not answer a ping; dropping it");
      this.end("NO_PONG");
      this.deps.socket.terminate();
      return;
    }
    this.answeredPing = false;
    this.deps.socket.ping();
    this.send({ type: "heartbeat", at: new Date(this.now()).toISOString() });
  }

  /** Re-checks session and membership (one check at a time); false when the socket was closed. */
  private verify(): Promise<boolean> {
    this.verifying ??= (async () => {
      try {
        const verdict = await this.deps.access.verify();
        this.lastVerifiedAt = this.now();
        if (verdict) this.close(verdict.code, verdict.reason);
      } catch (error) {
        this.deps.logger.warn({ err: error, organizationId: this.deps.organizationId }, "could not re-check an events socket's access; closing it");
        this.close("INTERNAL", "Could not verify access; reconnect");
      } finally {
        this.verifying = undefined;
      }
      return !this.closed;
    })();
    return this.verifying;
  }

  private async pump(): Promise<void> {
    if (this.pumping || !this.started) return;
    this.pumping = true;
    try {
      while (!this.closed && this.pending.length > 0) {
        if (this.now() - this.lastVerifiedAt >= this.deps.settings.accessCacheMs && !(await this.verify())) return;
        const event = this.pending.shift();
        if (!event) break;
        if (!(await this.deps.access.maySee(event))) continue;
        if (this.closed) return;
        this.send(event);
      }
    } catch (error) {
      this.deps.logger.warn({ err: error, organizationId: this.deps.organizationId }, "could not authorize an event for an events socket; closing it");
      this.close("INTERNAL", "Could not verify access; reconnect");
    } finally {
      this.pumping = false;
    }
  }

  private send(frame: LiveFrame): void {
    if (this.closed) return;
    if (this.deps.socket.bufferedAmount > this.deps.settings.maxBufferedBytes) {
      this.close("TOO_SLOW", "Fell too far behind; reconnect and re-read");
      return;
    }
    this.deps.socket.send(JSON.stringify(frame));
  }
}
