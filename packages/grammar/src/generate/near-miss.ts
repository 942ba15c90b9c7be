/**
 * Near misses: invalid strings one edit away from valid ones. Each comes from a valid string by
 * one insertion, deletion or replacement of a character, including range-boundary crossings (a
 * character just outside a range the valid string used) and case flips, and is kept only when the
 * caller's matcher rejects it, so every near miss is truly invalid for that matcher. Each carries
 * a description of its edit for people.
 *
 * @module
 */
import fc from "fast-check";
import type { Node } from "../ast.ts";
import type { Grammar } from "../grammar.ts";
import {
  codePointName,
  highestUsable,
  lowestUsable,
  quoteCodePoint,
  usableAbove,
  usableBelow,
} from "./code-points.ts";
import { type CoverageOptions, coverPlan, type DerivedChunk } from "./coverage.ts";
import { GenerationError, wholeNumberOption } from "./generation-error.ts";
import type { GenerationPlan } from "./plan.ts";
import { planGeneration } from "./plan.ts";
import { type Assembler, planArbitrary, type RuleArbitraryOptions } from "./rule-arbitrary.ts";

/** Whether the whole input matches the rule (a compiled DFA, the context-free engine, …). */
export type IsMatch = (input: string) => boolean;

/** Options for {@link nearMisses} and {@link nearMissArbitrary}. */
export interface NearMissOptions extends CoverageOptions, RuleArbitraryOptions {
  /** The most near misses {@link nearMisses} returns (default 100). */
  readonly limit?: number;
  /**
   * Characters tried as insertions and replacements, after the characters of the grammar's own
   * literals and besides the edits every string gets (deletions, range crossings, case flips,
   * doubled characters). Default: space, `0`, `a`, `-`, `.`, `:`, `/`, `"`, `é`.
   */
  readonly probes?: ReadonlyArray<string>;
}

/** Default of {@link NearMissOptions.limit}. */
export const DEFAULT_NEAR_MISS_LIMIT = 100;

const DEFAULT_PROBES: ReadonlyArray<string> = [" ", "0", "a", "-", ".", ":", "/", '"', "é"];

/** One single-character edit of a valid string. */
export interface NearMissEdit {
  readonly kind: "insert" | "delete" | "replace";
  /** UTF-16 offset in the valid string where the edit happens. */
  readonly offset: number;
  /** 1-based column (in code points) in the valid string. */
  readonly column: number;
  /** The code point deleted or replaced. */
  readonly removed?: number;
  /** The code point inserted or put in place of `removed`. */
  readonly inserted?: number;
  /** Why this character: `just below %x61-7A`, `the other case`, `a copy of the character before`. */
  readonly note?: string;
}

/** An invalid string, the valid string it was edited from, and how. */
export interface NearMiss {
  readonly text: string;
  readonly valid: string;
  readonly edit: NearMissEdit;
  /** E.g. `replaced 'a' at column 3 with '`' (U+0060, just below %x61-7A)`. */
  readonly description: string;
}

/**
 * Near misses of rule `ruleName`: edits of its coverage samples (see {@link coverageSamples}) that
 * `isMatch` rejects, varied across samples and kinds of edit, deterministic, at most
 * `options.limit`. An empty result means every edit tried was still accepted.
 *
 * @example
 * ```ts
 * const dfa = loadDfa(compiled.dfa);
 * nearMisses(grammar, "r", (s) => testDfa(dfa, s)).map((m) => m.description);
 * ```
 */
export function nearMisses(
  grammar: Grammar,
  ruleName: string,
  isMatch: IsMatch,
  options: NearMissOptions = {},
): NearMiss[] {
  return nearMissesOfPlan(planGeneration(grammar, ruleName, options), isMatch, options);
}

function nearMissesOfPlan(plan: GenerationPlan, isMatch: IsMatch, options: NearMissOptions): NearMiss[] {
  const limit = wholeNumberOption("limit", options.limit, DEFAULT_NEAR_MISS_LIMIT);
  const probes = probeCodePoints(plan, options);
  const { derivations } = coverPlan(plan, options);
  const nodeIds = new Map<Node, number>();
  const streams = derivations.map((d) => {
    const { edits, realize } = editsOf(plan, d.chunks, probes, nodeIds);
    return { candidates: interleave(edits), realize };
  });
  const texts = new Set<string>();
  const signatures = new Set<string>();
  const deferred: Array<{ candidate: Candidate; realize: (edit: NearMissEdit) => NearMiss }> = [];
  const out: NearMiss[] = [];
  const keep = (miss: NearMiss, signature: string): void => {
    if (texts.has(miss.text) || isMatch(miss.text)) return;
    texts.add(miss.text);
    signatures.add(signature);
    out.push(miss);
  };
  // Round robin over the samples, so a small limit still spreads over the whole grammar. An
  // edit that repeats one already kept (same kind, same producing node, same character) waits
  // until every new kind of edit has had its turn.
  while (out.length < limit && streams.length > 0) {
    for (let i = 0; i < streams.length && out.length < limit; ) {
      const stream = streams[i] as (typeof streams)[number];
      const next = stream.candidates.next();
      if (next.done === true) {
        streams.splice(i, 1);
        continue;
      }
      if (signatures.has(next.value.signature))
        deferred.push({ candidate: next.value, realize: stream.realize });
      else keep(stream.realize(next.value.edit), next.value.signature);
      i++;
    }
  }
  for (const { candidate, realize } of deferred) {
    if (out.length >= limit) break;
    keep(realize(candidate.edit), candidate.signature);
  }
  return out;
}

/**
 * An arbitrary of near misses of rule `ruleName`: a valid string from the rule's arbitrary, then
 * one of its edits that `isMatch` rejects. Shrinks with the valid string. Throws
 * {@link GenerationError} when no edit of the coverage samples is rejected (a rule that accepts
 * nearly everything has no near misses).
 */
export function nearMissArbitrary(
  grammar: Grammar,
  ruleName: string,
  isMatch: IsMatch,
  options: NearMissOptions = {},
): fc.Arbitrary<NearMiss> {
  const plan = planGeneration(grammar, ruleName, options);
  const fallback = nearMissesOfPlan(plan, isMatch, options);
  if (fallback.length === 0)
    throw new GenerationError(
      `found no near miss of \`${plan.root.name}\`: every single-character edit tried of its coverage samples still matches`,
    );
  const probes = probeCodePoints(plan, options);
  const kinds = EDIT_KINDS - 1;
  return fc
    .tuple(planArbitrary(plan, chunkAssembler, options), fc.nat(kinds), fc.nat())
    .map(([chunks, kind, pick]) => {
      const { edits, realize } = editsOf(plan, chunks, probes);
      // The kind of edit is chosen apart from the valid string, so shrinking the string keeps
      // the kind; within a kind, take the first rejected edit from the picked one on.
      for (let k = 0; k <= kinds; k++) {
        const candidates = [...(edits[(kind + k) % edits.length] as Iterable<Candidate>)];
        for (let i = 0; i < candidates.length; i++) {
          const candidate = realize((candidates[(pick + i) % candidates.length] as Candidate).edit);
          if (!isMatch(candidate.text)) return candidate;
        }
      }
      return fallback[pick % fallback.length] as NearMiss;
    });
}

/** Pieces that remember their node, so edits know which range a character came from. */
const chunkAssembler: Assembler<ReadonlyArray<DerivedChunk>> = {
  literal: (text, node) => [{ text, node }],
  codePoint: (cp, node) => [{ text: String.fromCodePoint(cp), node }],
  join: (parts) => parts.flat(),
  empty: [],
};

/** How many kinds of edit {@link editsOf} lists. */
const EDIT_KINDS = 6;

/** Most characters of the grammar's own literals tried as insertions and replacements. */
const MAX_GRAMMAR_PROBES = 24;

/**
 * Characters to insert and replace with: first those of the grammar's own literals (a `]` where
 * a `)` belongs is the most telling near miss), then the caller's probes.
 */
function probeCodePoints(plan: GenerationPlan, options: NearMissOptions): number[] {
  const out = new Set<number>();
  for (const rule of plan.rules) {
    for (const node of plan.liveNodes(rule)) {
      const cps =
        node.kind === "string"
          ? [...node.value].map((c) => c.codePointAt(0) as number)
          : node.kind === "sequence"
            ? node.codePoints
            : [];
      for (const cp of cps) if (out.size < MAX_GRAMMAR_PROBES) out.add(cp);
    }
  }
  for (const probe of options.probes ?? DEFAULT_PROBES) {
    const cps = [...probe];
    if (cps.length !== 1)
      throw new GenerationError(
        `option \`probes\` must list single characters, got ${JSON.stringify(probe)}`,
      );
    out.add((cps[0] as string).codePointAt(0) as number);
  }
  return [...out];
}

/** One character of a valid string, where it is and what produced it. */
interface Placed {
  readonly cp: number;
  readonly offset: number;
  readonly column: number;
  readonly node: Node;
}

/** An edit to try, and what makes it new: its kind, the node it touches and the character. */
interface Candidate {
  readonly edit: NearMissEdit;
  readonly signature: string;
}

function place(chunks: ReadonlyArray<DerivedChunk>): { valid: string; chars: Placed[] } {
  const chars: Placed[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    for (const c of chunk.text) {
      const cp = c.codePointAt(0) as number;
      chars.push({ cp, offset, column: chars.length + 1, node: chunk.node });
      offset += c.length;
    }
  }
  return { valid: chunks.map((c) => c.text).join(""), chars };
}

/** Every edit to try, as one list per kind, most telling kinds first, and how to apply one. */
function editsOf(
  plan: GenerationPlan,
  chunks: ReadonlyArray<DerivedChunk>,
  probes: ReadonlyArray<number>,
  nodeIds: Map<Node, number> = new Map(),
): { edits: Array<Iterable<Candidate>>; realize: (edit: NearMissEdit) => NearMiss } {
  const { valid, chars } = place(chunks);
  const realize = (edit: NearMissEdit): NearMiss => {
    const removedLength = edit.removed === undefined ? 0 : String.fromCodePoint(edit.removed).length;
    const inserted = edit.inserted === undefined ? "" : String.fromCodePoint(edit.inserted);
    return {
      text: valid.slice(0, edit.offset) + inserted + valid.slice(edit.offset + removedLength),
      valid,
      edit,
      description: describeEdit(edit),
    };
  };
  const idOf = (node: Node): number => {
    let id = nodeIds.get(node);
    if (id === undefined) {
      id = nodeIds.size;
      nodeIds.set(node, id);
    }
    return id;
  };
  const candidate = (edit: NearMissEdit, at: Placed | undefined): Candidate => ({
    edit,
    signature: `${edit.kind}:${at === undefined ? "end" : idOf(at.node)}:${edit.removed ?? ""}:${edit.inserted ?? ""}`,
  });
  const replace = (ch: Placed, inserted: number, note?: string): Candidate =>
    candidate(
      {
        kind: "replace",
        offset: ch.offset,
        column: ch.column,
        removed: ch.cp,
        inserted,
        ...(note === undefined ? {} : { note }),
      },
      ch,
    );
  const insert = (ch: Placed | undefined, inserted: number, note?: string): Candidate =>
    candidate(
      {
        kind: "insert",
        offset: ch?.offset ?? valid.length,
        column: ch?.column ?? chars.length + 1,
        inserted,
        ...(note === undefined ? {} : { note }),
      },
      ch,
    );

  function* crossings(): Generator<Candidate> {
    for (const ch of chars) {
      if (ch.node.kind !== "range") continue;
      const range = plan.textOf(ch.node);
      const below = usableBelow(lowestUsable(ch.node.low, ch.node.high) as number);
      const above = usableAbove(highestUsable(ch.node.low, ch.node.high) as number);
      if (below !== undefined) yield replace(ch, below, `just below ${range}`);
      if (above !== undefined) yield replace(ch, above, `just above ${range}`);
    }
  }
  function* caseFlips(): Generator<Candidate> {
    for (const ch of chars) {
      const other = otherCase(ch.cp);
      if (other !== undefined) yield replace(ch, other, "the other case");
    }
  }
  function* deletions(): Generator<Candidate> {
    for (const ch of chars)
      yield candidate({ kind: "delete", offset: ch.offset, column: ch.column, removed: ch.cp }, ch);
  }
  function* doubles(): Generator<Candidate> {
    for (const ch of chars) yield insert(ch, ch.cp, "a copy of the character after");
  }
  function* insertions(): Generator<Candidate> {
    for (const probe of probes) {
      for (const ch of chars) yield insert(ch, probe);
      yield insert(undefined, probe);
    }
  }
  function* replacements(): Generator<Candidate> {
    for (const probe of probes) for (const ch of chars) if (ch.cp !== probe) yield replace(ch, probe);
  }
  return {
    edits: [crossings(), caseFlips(), deletions(), doubles(), insertions(), replacements()],
    realize,
  };
}

/** Takes one from each list in turn, so every kind of edit shows up early. */
function* interleave<T>(lists: ReadonlyArray<Iterable<T>>): Generator<T> {
  const iterators = lists.map((l) => l[Symbol.iterator]());
  while (iterators.length > 0) {
    for (let i = 0; i < iterators.length; ) {
      const next = (iterators[i] as Iterator<T>).next();
      if (next.done === true) {
        iterators.splice(i, 1);
        continue;
      }
      yield next.value;
      i++;
    }
  }
}

function otherCase(cp: number): number | undefined {
  if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
  if (cp >= 0x61 && cp <= 0x7a) return cp - 0x20;
  return undefined;
}

/** `'A' (U+0041, just below %x61-7A)`, or `U+0009 (the other case)` for invisible characters. */
function describeInserted(cp: number, note: string | undefined): string {
  const visible = cp >= 0x21 && cp <= 0x7e;
  const details = [visible ? codePointName(cp) : undefined, note].filter((d) => d !== undefined);
  const name = visible ? quoteCodePoint(cp) : codePointName(cp);
  return details.length === 0 ? name : `${name} (${details.join(", ")})`;
}

function describeEdit(edit: NearMissEdit): string {
  switch (edit.kind) {
    case "delete":
      return `deleted ${quoteCodePoint(edit.removed as number)} at column ${edit.column}`;
    case "insert":
      return `inserted ${describeInserted(edit.inserted as number, edit.note)} at column ${edit.column}`;
    case "replace":
      return `replaced ${quoteCodePoint(edit.removed as number)} at column ${edit.column} with ${describeInserted(edit.inserted as number, edit.note)}`;
  }
}
