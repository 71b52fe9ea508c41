// Pure permission evaluation, also used by the benchmarks.
export { canI } from "./can-i";
export { evaluatePermissions } from "./evaluate-permissions";
export { buildSyntheticGroupTree } from "./synthetic-group-tree";
