export * from "./database";
export * from "./ids";
export * from "./connect-postgres";
export * from "./connect-pglite";
export * from "./open-database";
export * from "./migrate";
export * as schema from "./schema";
export type { PolicyRuleRecord } from "./schema/roles";
export * from "./select-rows";
