export * from "./task-handler";
export * from "./task-handlers";
export * from "./worker";
