import type { Cache } from "@hks/cache";
import type { Config } from "@hks/config";
import type { DatabaseHandle } from "@hks/db";
import type { EventBus } from "@hks/events";
import type { Logger } from "@hks/observability";
import type { Queue } from "@hks/queue";
import type { Registry } from "prom-client";
import type { Identity } from "./auth/identity";
import type { PlatformServices } from "./platform-services";
import type { Tenancy } from "./tenancy";

/**
 * Everything the API needs from the outside world, built once in `main.ts` (or by a test) and
 * passed in. Nothing in the server reaches for a global, so a test can build a server on its own
 * database and a second replica is just a second call.
 */
export interface ApiDependencies {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  cache: Cache;
  queue: Queue;
  /** Broadcast bus the live-updates sockets listen on (every replica receives every event). */
  events: EventBus;
  metrics: Registry;
  identity: Identity;
  tenancy: Tenancy;
  tasks: PlatformServices["tasks"];
  clusters: PlatformServices["clusters"];
  backups: PlatformServices["backups"];
}
