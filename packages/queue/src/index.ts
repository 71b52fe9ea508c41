export * from "./queue";
export * from "./memory-queue";
export * from "./jetstream-queue";
