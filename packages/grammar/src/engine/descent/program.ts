/**
 * Descent programs as plain JSON-able data (what `runtime/descent-runtime.ts` runs and generated
 * code embeds), and a small assembler with forward labels that the two program compilers share.
 *
 * @module
 */
import type { CodePointSet } from "../../analysis/code-point-set.ts";
import { type DescentSource, END_OF_INPUT } from "../../runtime/descent-runtime.ts";
import type { DfaData } from "../dfa.ts";

/** A compiled descent program (the runtime reads it as `DescentSource`). */
export interface DescentData extends DescentSource {
  readonly leaves: ReadonlyArray<DfaData>;
}

/** A position in the code, fixed when {@link ProgramBuilder.place} is called. */
export interface Label {
  at: number;
}

/** A decision under construction: its skip set and, per option, the code points and the target. */
export interface DecisionDraft {
  readonly skip: CodePointSet;
  readonly options: ReadonlyArray<{ readonly set: CodePointSet; readonly target: Label }>;
}

/** Assembles instructions with forward references. */
export class ProgramBuilder {
  private readonly code: number[] = [];
  private readonly patches: Array<{ readonly at: number; readonly label: Label }> = [];
  private readonly decisionDrafts: DecisionDraft[] = [];
  private readonly setIndex = new Map<string, number>();
  private readonly sets: number[][] = [];
  private readonly leafIndex = new Map<DfaData, number>();
  private readonly leaves: DfaData[] = [];
  private readonly ruleNames: string[] = [];
  private readonly ruleStarts: number[] = [];

  /** The offset of the next instruction. */
  get here(): number {
    return this.code.length;
  }

  /** A label not placed yet. */
  label(): Label {
    return { at: -1 };
  }

  /** Places `label` at the next instruction. */
  place(label: Label): void {
    label.at = this.code.length;
  }

  /** Emits an instruction; `Label` operands are patched when the program is finished. */
  emit(op: number, ...operands: ReadonlyArray<number | Label>): void {
    this.code.push(op);
    for (const operand of operands) {
      if (typeof operand === "number") this.code.push(operand);
      else {
        this.patches.push({ at: this.code.length, label: operand });
        this.code.push(-1);
      }
    }
  }

  /** Marks the start of a rule's code, for failure reports. */
  startRule(name: string): void {
    this.ruleNames.push(name);
    this.ruleStarts.push(this.code.length);
  }

  /** The index of a decision (its targets are resolved at the end). */
  decision(draft: DecisionDraft): number {
    this.decisionDrafts.push(draft);
    return this.decisionDrafts.length - 1;
  }

  /** The index of a code-point set, shared between equal sets. */
  set(set: CodePointSet): number {
    let index = this.setIndex.get(set.key);
    if (index === undefined) {
      index = this.sets.length;
      this.setIndex.set(set.key, index);
      this.sets.push(flatPairs(set));
    }
    return index;
  }

  /** The index of a leaf automaton. */
  leaf(dfa: DfaData): number {
    let index = this.leafIndex.get(dfa);
    if (index === undefined) {
      index = this.leaves.length;
      this.leafIndex.set(dfa, index);
      this.leaves.push(dfa);
    }
    return index;
  }

  /** The finished program. */
  finish(semantics: "cfg" | "peg"): DescentData {
    for (const { at, label } of this.patches) {
      if (label.at < 0) throw new Error("descent program: a label was never placed");
      this.code[at] = label.at;
    }
    const decisions = this.decisionDrafts.map((d) => {
      const cases: Array<[number, number, number]> = [];
      let end = -1;
      for (const { set, target } of d.options) {
        for (const [lo, hi] of set.ranges) {
          if (lo <= 0x10ffff) cases.push([lo, Math.min(hi, 0x10ffff), target.at]);
          if (hi >= END_OF_INPUT) end = target.at;
        }
      }
      cases.sort((a, b) => a[0] - b[0]);
      return { skip: flatPairs(d.skip), cases: cases.flat(), end };
    });
    return {
      semantics,
      code: this.code,
      rules: this.ruleNames,
      ruleStarts: this.ruleStarts,
      decisions,
      sets: this.sets,
      leaves: this.leaves,
    };
  }
}

/** A set as flat `low, high` pairs, without the end-of-input marker. */
function flatPairs(set: CodePointSet): number[] {
  const out: number[] = [];
  for (const [lo, hi] of set.ranges) if (lo <= 0x10ffff) out.push(lo, Math.min(hi, 0x10ffff));
  return out;
}
