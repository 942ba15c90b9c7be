/**
 * Mermaid diagrams on generated pages. The Mermaid text goes into a `pre.mermaid` element, and
 * the site script renders it to SVG in the browser with the copy of Mermaid in the site's own
 * assets (never a CDN). The edges of a state diagram are also read here, for the tables that
 * go next to the pictures.
 *
 * @module
 */
import { element, preformatted, text } from "./html.ts";

/** A Mermaid diagram block with a caption; the site script renders it. */
export function mermaidBlock(source: string, caption: string): string {
  return element(
    "figure",
    { class: "mimi-diagram" },
    preformatted(source, { class: "mermaid" }),
    text("figcaption", {}, caption),
  );
}

/** One `from --> to : label` edge of a Mermaid state diagram. */
export interface StateEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

const EDGE = /^\s*(\S+)\s*-->\s*(\S+)\s*(?::\s*(.*))?$/;

/** The edges of a Mermaid state diagram, in order (notes and declarations are skipped). */
export function stateEdges(diagram: string): StateEdge[] {
  const edges: StateEdge[] = [];
  for (const line of diagram.split("\n")) {
    const m = EDGE.exec(line);
    if (m !== null) edges.push({ from: m[1] as string, to: m[2] as string, label: (m[3] ?? "").trim() });
  }
  return edges;
}
