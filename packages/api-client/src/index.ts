export * from "./api-client";
export { CSRF_COOKIE, readCookie } from "./cookies";
export { singleFlight } from "./single-flight";
