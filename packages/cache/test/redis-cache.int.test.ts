import { createRedisCache } from "../src";
import { describeCacheContract } from "./cache-contract";
import { requireEnv } from "./require-env";

describeCacheContract("Redis", () => createRedisCache({ url: requireEnv("REDIS_URL"), keyPrefix: "hks-test:" }));
