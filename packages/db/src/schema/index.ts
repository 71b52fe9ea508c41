export * from "./organizations";
export * from "./users";
export * from "./user-identities";
export * from "./signing-keys";
export * from "./sessions";
export * from "./refresh-tokens";
export * from "./audit-events";
