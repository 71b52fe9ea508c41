export * from "./kube-object";
export * from "./labels";
export * from "./names";
export * from "./quantities";
export * from "./specs";
export * from "./render-virtual-cluster";
export * from "./render-project-namespace";
export * from "./render-rbac";
