/** The movement graph as the browser reads it: the API's own types (lib/movement/types.ts). */
export type { MovementEdgeJson as MovementEdge, MovementGraphJson, MovementNodeJson as MovementNode } from "@/lib/movement/types";
