import { z } from "zod";

/**
 * Live updates: what the events socket (`GET /api/v1/organizations/:orgId/events`) sends. Each text
 * frame is one JSON object with a `type`. Platform events describe a change that has committed;
 * they are hints to re-read (duplicates are possible and harmless), never the record itself.
 */
const at = z.iso.datetime().describe("When the change happened (ISO 8601, UTC)");

export const workspaceStatusEventSchema = z.object({
  type: z.literal("workspace.status"),
  organizationId: z.string(),
  workspaceId: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  at,
});

export const projectStatusEventSchema = z.object({
  type: z.literal("project.status"),
  organizationId: z.string(),
  workspaceId: z.string(),
  projectId: z.string(),
  status: z.string(),
  at,
});

export const taskProgressEventSchema = z.object({
  type: z.literal("task.progress"),
  organizationId: z.string(),
  workspaceId: z.string().nullable(),
  taskId: z.string(),
  kind: z.string(),
  /** The task's status after the change (PENDING, RUNNING, SUCCEEDED, ERROR, CANCELLED). */
  status: z.string(),
  /** The step the change is about, or null for the task as a whole. */
  step: z.object({ position: z.number().int().min(0), name: z.string(), status: z.string() }).nullable(),
  at,
});

export const platformEventSchema = z.discriminatedUnion("type", [workspaceStatusEventSchema, projectStatusEventSchema, taskProgressEventSchema]);

export type PlatformEvent = z.infer<typeof platformEventSchema>;

/** First frame of every connection: from now on every event of the organization is delivered. */
export const liveReadyFrameSchema = z.object({
  type: z.literal("ready"),
  organizationId: z.string(),
  /** The `workspaceId` filter of the connection, if any. */
  workspaceId: z.string().nullable(),
  heartbeatSeconds: z.number().int().positive(),
});

/**
 * Events may have been missed (this replica lost its connection to the event bus for a while):
 * re-read whatever is on screen. The connection stays open.
 */
export const liveResyncFrameSchema = z.object({ type: z.literal("resync"), reason: z.string() });

/** Sent every `heartbeatSeconds`: a client that hears nothing for twice that should reconnect. */
export const liveHeartbeatFrameSchema = z.object({ type: z.literal("heartbeat"), at });

export const liveFrameSchema = z.discriminatedUnion("type", [
  liveReadyFrameSchema,
  liveResyncFrameSchema,
  liveHeartbeatFrameSchema,
  workspaceStatusEventSchema,
  projectStatusEventSchema,
  taskProgressEventSchema,
]);

export type LiveFrame = z.infer<typeof liveFrameSchema>;

/**
 * Why the server closed an events socket. 1001 and 1011 are the standard codes; the 44xx codes
 * mirror the HTTP status a new connection attempt would get.
 */
export const liveCloseCodes = {
  /** The server is shutting down: reconnect (another replica answers). */
  SERVER_SHUTDOWN: 1001,
  /** An unexpected server error: reconnect with backoff. */
  INTERNAL: 1011,
  /** The session ended (signed out, revoked, idle or expired): sign in again first. */
  SESSION_ENDED: 4401,
  /** The user is no longer a member of the organization (or lost the filtered workspace). */
  ACCESS_REVOKED: 4403,
  /** The client read too slowly and fell too far behind: reconnect and re-read. */
  TOO_SLOW: 4429,
} as const;

export type LiveCloseCode = (typeof liveCloseCodes)[keyof typeof liveCloseCodes];
