const reasonsByCode: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed unexpectedly",
};

/**
 * Explains why a fetch never got an HTTP answer, or returns undefined when the error is something
 * else (an answer that was an error, or a bug). Node's fetch throws `TypeError("fetch failed")`
 * with the socket error as `cause` (an AggregateError when several addresses were tried), and a
 * timed-out `AbortSignal.timeout` surfaces as a `TimeoutError`.
 */
export function describeNetworkFailure(error: unknown): string | undefined {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer before the timeout";
  if (!(error instanceof TypeError) || error.message !== "fetch failed") return undefined;

  const cause = error.cause;
  const code = errorCode(cause) ?? (cause instanceof AggregateError ? errorCode(cause.errors[0]) : undefined);
  if (code) return `${reasonsByCode[code] ?? "network error"} (${code})`;
  return cause instanceof Error && cause.message ? cause.message : "network error";
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
