import { pino, type Logger, type LoggerOptions } from "pino";
import { currentRequestContext } from "./request-context";

export type { Logger };

/**
 * JSON logs on stdout. The mixin stamps every line with the request context of the async call
 * chain that wrote it, so a log line from a repository deep under a route still names the request,
 * user and organization it served.
 */
export function createLogger(options: { level: string; name: string; destination?: pino.DestinationStream }): Logger {
  const loggerOptions: LoggerOptions = {
    name: options.name,
    level: options.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const context = currentRequestContext();
      if (!context) return {};
      return {
        requestId: context.requestId,
        ...(context.userId ? { userId: context.userId } : {}),
        ...(context.orgId ? { orgId: context.orgId } : {}),
      };
    },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
        "*.refreshToken",
        "*.accessToken",
      ],
      censor: "[redacted]",
    },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
