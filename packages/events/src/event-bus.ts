/**
 * A broadcast bus: every subscriber of a subject, in every process, receives every event
 * published on it while it is subscribed. Unlike the work queue (`@hks/queue`), nothing is stored
 * and nothing is acknowledged: an event published while nobody listens is gone, and a subscriber
 * that was disconnected learns that it may have missed some through `onGap`.
 *
 * That is what live updates need: events are notifications about state whose record is the
 * database, so a client that missed some re-reads the state instead of replaying a log.
 *
 * Implementations: core NATS publish/subscribe for real deployments (several API replicas) and an
 * in-process bus for embedded mode; both pass one contract suite (`test/event-bus-contract.ts`).
 */
export interface EventBus {
  /**
   * Sends `payload` (JSON-serializable) to the current subscribers of `subject`. Resolves once
   * the broker has accepted it; rejects when it could not (the caller keeps it and retries).
   */
  publish(subject: string, payload: unknown): Promise<void>;
  /**
   * Calls `handler` with each event published on `subject` from now on, in publication order per
   * publisher. Resolves once the broker knows about the interest, so an event published after
   * that is delivered. A handler that throws loses only its own event.
   */
  subscribe(subject: string, handler: EventHandler): Promise<EventSubscription>;
  /**
   * Calls `listener` whenever the bus got its connection back after losing it: events published
   * meanwhile were not delivered here. Returns a function that removes the listener.
   */
  onGap(listener: () => void): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Receives a fresh copy of the payload, as it came through JSON. */
export type EventHandler = (payload: unknown) => void;

export interface EventSubscription {
  unsubscribe(): Promise<void>;
}

/**
 * Subjects are dot-separated tokens of letters, digits, `_` and `-` (`events.org_01jd…`): no
 * wildcards, so a subscriber names exactly what it may receive.
 */
const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function isEventSubject(subject: string): boolean {
  return subject.length <= 200 && SUBJECT.test(subject);
}

export function assertEventSubject(subject: string): void {
  if (!isEventSubject(subject)) {
    throw new Error(`"${subject.slice(0, 200)}" is not an event subject: use dot-separated tokens of letters, digits, _ and -`);
  }
}
