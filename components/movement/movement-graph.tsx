"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge, type NodeMouseHandler } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { EdgeDetails } from "./edge-details";
import { edgeLabel, nodeHref, nodeName } from "./graph-format";
import { MovementGraphNode, type MovementFlowNode } from "./graph-node";
import { edgeKey, layoutMovement, NODE_HEIGHT, NODE_WIDTH } from "./layout";
import type { MovementGraphJson } from "./types";
import { useColorMode } from "./use-color-mode";

const NODE_TYPES = { movement: MovementGraphNode };
/** Above this many edges, counts are drawn only on the edges of the node under the pointer and the selected edge. */
export const LABELLED_EDGES = 120;

export interface MovementGraphProps {
  data: MovementGraphJson;
  window: { from: string; to: string };
  /** The node to mark as patient zero (an incident's). */
  patientZero?: string | null;
  /** Node ids to ring in blue. */
  highlight?: string[];
  height?: number;
}

/**
 * The movement graph: hosts and outside addresses as nodes (laid out by dagre, see layout.ts),
 * WinRM connections as directed edges with their counts. Alerted edges are drawn thick and rose,
 * alerted nodes with a rose border and count, critical hosts with an amber ring. Clicking a node
 * opens its host (or address) page; clicking an edge lists its connections and alerts below.
 * Hovering a node dims what is not connected to it, which keeps a dense graph readable.
 */
export function MovementGraph({ data, window, patientZero = null, highlight = [], height = 520 }: MovementGraphProps) {
  const router = useRouter();
  const colorMode = useColorMode();
  const [hovered, setHovered] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const layout = useMemo(() => layoutMovement(data.nodes, data.edges), [data]);
  const byId = useMemo(() => new Map(data.nodes.map((n) => [n.id, n])), [data]);
  const edgesByKey = useMemo(() => new Map(data.edges.map((e) => [edgeKey(e), e])), [data]);
  const dense = data.edges.length > LABELLED_EDGES;

  const neighbours = useMemo(() => {
    if (!hovered) return null;
    const s = new Set([hovered]);
    for (const e of data.edges) if (e.source === hovered) s.add(e.target);
    else if (e.target === hovered) s.add(e.source);
    return s;
  }, [hovered, data]);

  const nodes: MovementFlowNode[] = useMemo(
    () =>
      data.nodes.map((n) => ({
        id: n.id,
        type: "movement",
        position: layout.positions.get(n.id) ?? { x: 0, y: 0 },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: { node: n, dimmed: !!neighbours && !neighbours.has(n.id), patientZero: n.id === patientZero, highlighted: highlight.includes(n.id) },
        ariaLabel: `${n.kind === "host" ? "Host" : "Address"} ${nodeName(n)}${n.ip && n.kind === "host" ? ` (${n.ip})` : ""}: ${n.alerts} alerts${n.critical ? ", critical" : ""}`,
        draggable: false,
        connectable: false,
      })),
    [data, layout, neighbours, patientZero, highlight],
  );

  const edges: Edge[] = useMemo(
    () =>
      data.edges
        .filter((e) => byId.has(e.source) && byId.has(e.target))
        .map((e) => {
          const key = edgeKey(e);
          const touching = !hovered || e.source === hovered || e.target === hovered;
          const active = key === selected || (!!hovered && touching);
          const alerted = e.alerts > 0;
          const colour = alerted ? "#e11d48" : "#64748b";
          const width = (alerted ? 2.5 : 1) + Math.min(2, Math.log10(1 + e.connections)) + (active ? 1 : 0);
          return {
            id: key,
            source: e.source,
            target: e.target,
            label: !dense || active ? edgeLabel(e) : undefined,
            labelStyle: { fontSize: 10, fill: alerted ? "#be123c" : undefined },
            labelBgPadding: [3, 1] as [number, number],
            // Sized in pixels, not in stroke widths: a thick edge keeps a readable arrowhead.
            markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 16, height: 16, markerUnits: "userSpaceOnUse" },
            style: { stroke: colour, strokeWidth: width, opacity: touching ? (dense && !alerted && !active ? 0.35 : 1) : 0.08 },
            zIndex: alerted || active ? 1 : 0,
            ariaLabel: `${nodeName(byId.get(e.source)!)} to ${nodeName(byId.get(e.target)!)}: ${edgeLabel(e)}`,
            interactionWidth: 12,
          };
        }),
    [data, byId, hovered, selected, dense],
  );

  const onNodeClick: NodeMouseHandler<MovementFlowNode> = (_, node) => router.push(nodeHref(node.data.node, window));
  const selectedEdge = selected ? edgesByKey.get(selected) : undefined;

  return (
    <div className="space-y-2">
      <div data-testid="movement-graph" style={{ height }} className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-800">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          colorMode={colorMode}
          fitView
          fitViewOptions={{ padding: 0.1, maxZoom: 1.2 }}
          minZoom={0.05}
          maxZoom={2.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          onlyRenderVisibleElements={data.nodes.length > 80}
          onNodeClick={onNodeClick}
          onNodeMouseEnter={(_, n) => setHovered(n.id)}
          onNodeMouseLeave={() => setHovered(null)}
          onEdgeClick={(_, e) => setSelected(e.id)}
          // An edge selected from the keyboard (Tab to it, Enter) opens too.
          onSelectionChange={({ edges: picked }) => picked.length === 1 && setSelected(picked[0].id)}
          onPaneClick={() => setSelected(null)}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
          {data.nodes.length > 30 && <MiniMap pannable zoomable ariaLabel="Overview of the whole graph" nodeColor={(n) => ((n as MovementFlowNode).data.node.alerts > 0 ? "#e11d48" : "#94a3b8")} />}
        </ReactFlow>
      </div>
      {selectedEdge && <EdgeDetails edge={selectedEdge} source={byId.get(selectedEdge.source)!} target={byId.get(selectedEdge.target)!} window={window} onClose={() => setSelected(null)} />}
    </div>
  );
}
