export * from "./open-backing-services";
