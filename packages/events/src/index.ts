export * from "./event-bus";
export * from "./memory-event-bus";
export * from "./nats-event-bus";
