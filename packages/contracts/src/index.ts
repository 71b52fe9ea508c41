export * from "./error-codes";
export * from "./error-envelope";
export * from "./app-error";
export * from "./health";
export * from "./version";
export * from "./auth";
