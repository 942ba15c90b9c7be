import { describe, expect, it } from "vitest";
import { mermaidBlock, stateEdges } from "../../src/docs/mermaid.ts";

describe("mermaid", () => {
  it("puts the diagram text in a pre.mermaid block, escaped, on one physical line", () => {
    const block = mermaidBlock("stateDiagram-v2\n  a --> b : x\n\n  b --> a", "cap");
    expect(block).toBe(
      '<figure class="mimi-diagram"><pre class="mermaid">stateDiagram-v2&#10;  a --&#62; b : x&#10;&#10;  b --&#62; a</pre><figcaption>cap</figcaption></figure>',
    );
  });

  it("reads the edges of a state diagram", () => {
    expect(
      stateEdges(
        'stateDiagram-v2\n  state "x" as leave\n  [*] --> leave\n  leave --> join : join\n  note right of a',
      ),
    ).toEqual([
      { from: "[*]", to: "leave", label: "" },
      { from: "leave", to: "join", label: "join" },
    ]);
  });
});
