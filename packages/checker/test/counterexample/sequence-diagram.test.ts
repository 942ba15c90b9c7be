import mermaid from "mermaid";
import { describe, expect, it } from "vitest";
import { mermaidText, sequenceDiagramOf } from "../../src/index.ts";
import { exampleRun } from "./support.ts";

describe("sequenceDiagramOf", () => {
  it("draws users and servers as participants and every delivered message as an arrow", async () => {
    const diagram = sequenceDiagramOf(exampleRun("forged.json"));
    const lines = diagram.split("\n");
    expect(lines[0]).toBe("sequenceDiagram");
    expect(diagram).toContain("actor U0 as @alice:a.example");
    expect(diagram).toContain("participant S0 as a.example");
    // A user's action is an arrow to their server, numbered by step.
    expect(diagram).toMatch(/U0->>S0: 1\. create-room !f:a\.example \(group-chat\)/u);
    // Network messages between servers; a refused one is a cross with a note.
    expect(diagram).toMatch(/S\d->>S\d: #35;\d+ invite/u);
    expect(diagram).toMatch(/S\d-xS\d: #35;\d+ event/u);
    expect(diagram).toMatch(/Note right of S\d: ✗ refuses #35;\d+: auth\.auth-event-is-state/u);
    await expect(mermaid.parse(diagram)).resolves.toMatchObject({ diagramType: "sequence" });
  });

  it("notes broken invariants and refused steps, and stays valid Mermaid for network traces", async () => {
    const race = sequenceDiagramOf(exampleRun("dm-race.json"));
    expect(race).toMatch(/Note over U0,S1: ✗ invariant dm\.unique-per-pair \[CHAT-2\] broken/u);
    expect(race).toMatch(/Note over S\d: ✗ rejected by dm\.unique \[CHAT-2\]/u);
    const network = sequenceDiagramOf(exampleRun("network.json"));
    expect(network).toMatch(/S\d--xS\d: #35;9 submit lost/u);
    expect(network).toMatch(/Note over S\d: 16\. retry t2/u);
    for (const d of [race, network]) await expect(mermaid.parse(d)).resolves.toBeTruthy();
  });

  it("escapes what Mermaid would read as syntax, and cuts long text", () => {
    expect(mermaidText("a; b #1")).toBe("a#59; b #35;1");
    expect(mermaidText("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
    expect(mermaidText("line\nbreak")).toBe("line break");
  });
});
