import { loadGrammar, type Node } from "@mimi-spec/grammar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  box,
  choice,
  literalLabel,
  loop,
  pieceOf,
  railroadDiagram,
  repetitionLabel,
  sequence,
} from "../../src/docs/railroad.ts";

const span = { start: 0, end: 0 };

function bodyOf(abnf: string, rule = "r"): Node {
  const g = loadGrammar([{ name: "t.abnf", text: `${abnf}\n` }]);
  const found = g.rules.get(rule);
  if (found === undefined) throw new Error(`no rule ${rule}`);
  return found.body;
}

function numbers(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** Every point a path's commands reach (absolute M/H/V, relative h/v/a). */
function pathPoints(d: string): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MHVhva])([^MHVhva]*)/g)) {
    const n = numbers(args as string);
    if (cmd === "M") [x, y] = [n[0] as number, n[1] as number];
    else if (cmd === "H") x = n[0] as number;
    else if (cmd === "V") y = n[0] as number;
    else if (cmd === "h") x += n[0] as number;
    else if (cmd === "v") y += n[0] as number;
    else {
      x += n[5] as number;
      y += n[6] as number;
    }
    points.push([x, y]);
  }
  return points;
}

/** Whether every box, label and track point of a diagram lies inside its view box. */
function insideViewBox(svg: string): boolean {
  const [w, h] = numbers(/viewBox="([^"]*)"/.exec(svg)?.[1] ?? "").slice(2) as [number, number];
  const eps = 0.01;
  const inX = (v: number) => v >= -eps && v <= w + eps;
  const inY = (v: number) => v >= -eps && v <= h + eps;
  for (const m of svg.matchAll(/<rect[^>]*x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)"/g)) {
    const [x, y, rw, rh] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    if (!inX(x) || !inX(x + rw) || !inY(y) || !inY(y + rh)) return false;
  }
  for (const m of svg.matchAll(/<text[^>]*x="([^"]*)" y="([^"]*)"/g))
    if (!inX(Number(m[1])) || !inY(Number(m[2]))) return false;
  for (const m of svg.matchAll(/<path d="([^"]*)"/g))
    for (const [x, y] of pathPoints(m[1] as string)) if (!inX(x) || !inY(y)) return false;
  return true;
}

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.stringMatching(/^[a-z]{1,6}$/).map((name): Node => ({ kind: "ruleref", name, span })),
  fc
    .string({ minLength: 1, maxLength: 5 })
    .map((value): Node => ({ kind: "string", value, caseSensitive: false, span })),
  fc
    .tuple(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 40 }))
    .map(([low, d]): Node => ({ kind: "range", low, high: low + d, span })),
);
const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc
      .array(tie("node"), { minLength: 1, maxLength: 4 })
      .map((alternatives): Node => ({ kind: "alternation", alternatives, span })),
    fc
      .array(tie("node"), { minLength: 1, maxLength: 4 })
      .map((elements): Node => ({ kind: "concatenation", elements, span })),
    fc
      .tuple(
        tie("node"),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      )
      .map(
        ([element, min, extra]): Node => ({
          kind: "repetition",
          element,
          min,
          max: extra === undefined ? Number.POSITIVE_INFINITY : Math.max(min, 1) + extra - 1,
          option: false,
          span,
        }),
      ),
  ),
}));

describe("railroad pieces", () => {
  it("a sequence is as wide as its parts plus the tracks between them", () => {
    const a = box("ab", "terminal");
    const b = box("abcd", "nonterminal");
    expect(sequence([a, b]).width).toBe(a.width + b.width + 12);
    expect(sequence([a, b]).up).toBe(12);
  });

  it("a choice stacks its alternatives and is taller than one of them", () => {
    const a = box("x", "terminal");
    const c = choice([a, a, a]);
    expect(c.width).toBe(a.width + 40);
    expect(c.up).toBe(12);
    expect(c.down).toBeGreaterThanOrEqual(2 * (24 + 8));
  });

  it("a loop goes back underneath and makes room for its label", () => {
    const a = box("x", "terminal");
    expect(loop(a).down).toBe(20);
    expect(loop(a, "exactly 2×").down).toBe(34);
  });

  it("labels repetitions by their counts", () => {
    expect(repetitionLabel(1, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(repetitionLabel(0, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(repetitionLabel(2, Number.POSITIVE_INFINITY)).toBe("at least 2×");
    expect(repetitionLabel(43, 43)).toBe("exactly 43×");
    expect(repetitionLabel(1, 255)).toBe("1 to 255×");
    expect(repetitionLabel(0, 5)).toBe("at most 5×");
  });

  it("labels literals in ABNF notation, with printable characters", () => {
    expect(literalLabel(bodyOf('r = "@"'))).toBe('"@"');
    expect(literalLabel(bodyOf('r = %s"Ab"'))).toBe('%s"Ab"');
    expect(literalLabel(bodyOf("r = %x61-7A"))).toBe("%x61-7A a–z");
    expect(literalLabel(bodyOf("r = %x0D.0A"))).toBe("%x0D.0A");
  });
});

describe("railroadDiagram", () => {
  it("draws a rule with boxes, tracks and links to referenced rules", () => {
    const svg = railroadDiagram(
      "user_id",
      bodyOf('r = "@" local ":" [ port ]\nlocal = 1*ALPHA\nport = 1*5DIGIT'),
      (n) => (n === "local" ? "#local" : undefined),
    );
    expect(svg).toMatch(/^<svg class="railroad"[^>]*role="img"/);
    expect(svg).toContain('<a href="#local">');
    expect(svg.match(/<rect /g)?.length).toBe(4);
    expect(svg).toContain("&#34;&#64;&#34;");
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(4);
    expect(insideViewBox(svg)).toBe(true);
  });

  it("keeps every box, label and track inside the picture, for any rule body", () => {
    fc.assert(
      fc.property(node, (body) => insideViewBox(railroadDiagram("r", body, () => "#x"))),
      { numRuns: 200 },
    );
  });

  it("draws one box per literal and rule reference of the body", () => {
    const count = (n: Node): number =>
      n.kind === "alternation"
        ? n.alternatives.reduce((s, a) => s + count(a), 0)
        : n.kind === "concatenation"
          ? n.elements.reduce((s, e) => s + count(e), 0)
          : n.kind === "repetition"
            ? n.max === 0
              ? 0
              : count(n.element)
            : 1;
    fc.assert(
      fc.property(node, (body) => {
        const svg = pieceOf(body, () => undefined).render(0, 100);
        return (svg.match(/<rect /g)?.length ?? 0) === count(body);
      }),
      { numRuns: 200 },
    );
  });
});
