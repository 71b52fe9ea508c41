export * from "./api-client";
export * from "./tenancy-endpoints";
export { CSRF_COOKIE, readCookie } from "./cookies";
export { singleFlight } from "./single-flight";
