export * from "./supervisor";
