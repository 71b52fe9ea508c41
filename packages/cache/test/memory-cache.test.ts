import { createMemoryCache } from "../src";
import { describeCacheContract } from "./cache-contract";

describeCacheContract("in-process memory", () => createMemoryCache());
