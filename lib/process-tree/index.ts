export { buildProcessTree } from "./build-tree";
export { ancestorKeys, subtreeKeys, pruneTree, selectAlertTree, findNode } from "./select";
export type { AlertTreeSelection } from "./select";
export * from "./types";
