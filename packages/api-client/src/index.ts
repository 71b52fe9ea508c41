export * from "./api-client";
