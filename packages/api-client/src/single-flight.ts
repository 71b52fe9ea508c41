/**
 * Wraps `task` so that calls made while one run is in flight share that run's result instead of
 * starting another; the next call after it settles starts a new run.
 *
 * Used for session refresh: when several requests find the access token expired at once, exactly
 * one refresh must reach the API, because a refresh token works once and presenting it a second
 * time is treated as theft (the API revokes the whole session).
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= task().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
