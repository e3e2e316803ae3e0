"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge, type NodeMouseHandler, type ReactFlowInstance } from "@xyflow/react";
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
/** Above this many edges, only the main ones are drawn until "Draw all edges". */
export const SPARSE_ABOVE = 400;

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
  const [flow, setFlow] = useState<ReactFlowInstance<MovementFlowNode, Edge> | null>(null);
  const [find, setFind] = useState("");
  const [found, setFound] = useState<string[]>([]);
  const [searched, setSearched] = useState<string | null>(null);
  const layout = useMemo(() => layoutMovement(data.nodes, data.edges), [data]);
  const byId = useMemo(() => new Map(data.nodes.map((n) => [n.id, n])), [data]);
  const edgesByKey = useMemo(() => new Map(data.edges.map((e) => [edgeKey(e), e])), [data]);
  const dense = data.edges.length > LABELLED_EDGES;
  // A dense graph draws, until asked for all, the edges that placed the nodes, the alerted ones and
  // those of the host under the pointer: a readable picture, and a tenth of the drawing.
  const [showAll, setShowAll] = useState(false);
  const sparse = data.edges.length > SPARSE_ABOVE && !showAll;

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
        data: { node: n, dimmed: !!neighbours && !neighbours.has(n.id), patientZero: n.id === patientZero, highlighted: highlight.includes(n.id) || found.includes(n.id) },
        ariaLabel: `${n.kind === "host" ? "Host" : "Address"} ${nodeName(n)}${n.ip && n.kind === "host" ? ` (${n.ip})` : ""}: ${n.alerts} alerts${n.critical ? ", critical" : ""}`,
        draggable: false,
        connectable: false,
      })),
    [data, layout, neighbours, patientZero, highlight, found],
  );

  const edges: Edge[] = useMemo(
    () =>
      data.edges
        .filter((e) => byId.has(e.source) && byId.has(e.target))
        .filter((e) => !sparse || e.alerts > 0 || layout.treeEdges.has(edgeKey(e)) || e.source === hovered || e.target === hovered || edgeKey(e) === selected)
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
            // From the keyboard: Tab to an edge, Enter or Space opens it as a click does.
            domAttributes: {
              onKeyDown: (ev: React.KeyboardEvent<SVGGElement>) => {
                if (ev.key !== "Enter" && ev.key !== " ") return;
                ev.preventDefault();
                setSelected(key);
              },
            },
          };
        }),
    [data, byId, hovered, selected, dense, sparse, layout],
  );

  const onNodeClick: NodeMouseHandler<MovementFlowNode> = (_, node) => router.push(nodeHref(node.data.node, window));
  const selectedEdge = selected ? edgesByKey.get(selected) : undefined;

  /** Rings the hosts whose name or address contains the text, and brings them into view. */
  const onFind = (e: React.FormEvent) => {
    e.preventDefault();
    const t = find.trim().toLowerCase();
    const ids = t ? data.nodes.filter((n) => nodeName(n).toLowerCase().includes(t) || (n.ip ?? "").includes(t)).map((n) => n.id) : [];
    setFound(ids);
    setSearched(t || null);
    if (!flow) return;
    if (!ids.length) return void flow.fitView({ duration: 300 });
    // fitBounds sets the viewport at once (fitView of chosen nodes waits for a nodes change).
    const ps = ids.slice(0, 50).map((id) => layout.positions.get(id)!);
    const x = Math.min(...ps.map((p) => p.x));
    const y = Math.min(...ps.map((p) => p.y));
    const w = Math.max(...ps.map((p) => p.x + NODE_WIDTH)) - x;
    const h = Math.max(...ps.map((p) => p.y + NODE_HEIGHT)) - y;
    // One host: centred at full size; several: all of them in view.
    if (ids.length === 1) return void flow.setCenter(x + w / 2, y + h / 2, { zoom: 1, duration: 300 });
    const pad = 220;
    void flow.fitBounds({ x: x - pad, y: y - pad / 2, width: w + 2 * pad, height: h + pad }, { duration: 300 });
  };

  return (
    <div className="space-y-2">
      {data.nodes.length > 12 && (
        <form onSubmit={onFind} className="flex items-center gap-2 text-xs" role="search" aria-label="Find in the graph">
          <input value={find} onChange={(e) => setFind(e.target.value)} aria-label="Find a host or address" placeholder="Find a host or address" className="input w-56 !py-1 font-mono text-xs" />
          <button type="submit" className="btn py-1 text-xs">
            Find
          </button>
          {searched && <span role="status" data-testid="graph-found" className="text-slate-600 dark:text-slate-300">{found.length} found</span>}
        </form>
      )}
      {data.edges.length > SPARSE_ABOVE && (
        <p data-testid="graph-sparse" className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          {sparse
            ? `${edges.length} of ${data.edges.length} edges drawn: those that placed the hosts and those with alerts; point at a host for all of its own.`
            : `All ${data.edges.length} edges drawn.`}
          <button type="button" className="btn py-0.5 text-xs" onClick={() => setShowAll(!showAll)}>
            {sparse ? "Draw all edges" : "Draw the main edges only"}
          </button>
        </p>
      )}
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
          onPaneClick={() => setSelected(null)}
          onInit={setFlow}
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
