// What other workspaces (the worker process, the benchmarks) build on.
export { buildServer } from "./server";
export type { ApiDependencies } from "./dependencies";
export { publicAccess, authenticatedAccess, type RouteAccess } from "./http/route-access";
export { createPlatformServices, type PlatformServices } from "./platform-services";
export { startBackgroundWork } from "./background/background-work";
