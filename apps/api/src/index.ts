// What other workspaces (the benchmarks, later the e2e harness) may build on.
export { buildServer } from "./server";
export type { ApiDependencies } from "./dependencies";
export { publicAccess, type RouteAccess } from "./http/route-access";
