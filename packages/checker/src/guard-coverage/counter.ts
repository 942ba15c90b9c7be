/**
 * Counting what a checking run exercised: every guard evaluation (passed or refused, through the
 * machine's guard observer), every invariant check (whether the world gave it anything to check,
 * and whether it held), and every action's verdict.
 *
 * @module
 */
import type { GuardId, GuardObserver, Profile } from "@mimi-spec/machine";

/** How often a guard held and refused. */
export interface GuardCount {
  pass: number;
  reject: number;
}

/** How often an invariant was checked on a world it had something to say about, held there, and broke. */
export interface InvariantCount {
  /** Checks on a world where the invariant was not vacuous (see `relevance.ts`). */
  relevant: number;
  /** Relevant checks that held. */
  held: number;
  violated: number;
}

/** How often an action kind was accepted and rejected. */
export interface ActionCount {
  accepted: number;
  rejected: number;
}

/** Mutable counters for one or more runs; {@link CoverageCounter.observe} is a machine guard observer. */
export class CoverageCounter {
  readonly guards = new Map<string, GuardCount>();
  readonly invariants = new Map<string, InvariantCount>();
  readonly actions = new Map<string, ActionCount>();
  /** The profiles the counted runs used, by resolved name. */
  readonly profiles = new Map<string, Profile>();
  /** While false, nothing is counted (e.g. while fast-check shrinks a failure). */
  enabled = true;

  /** The guard observer to pass to `step`. */
  readonly observe: GuardObserver = (guard: GuardId, outcome: "pass" | "reject") => {
    if (!this.enabled) return;
    const count = this.guards.get(guard) ?? { pass: 0, reject: 0 };
    count[outcome]++;
    this.guards.set(guard, count);
  };

  /** Counts one invariant check. */
  invariant(id: string, relevant: boolean, violated: boolean): void {
    if (!this.enabled) return;
    const count = this.invariants.get(id) ?? { relevant: 0, held: 0, violated: 0 };
    if (violated) count.violated++;
    else if (relevant) count.held++;
    if (relevant || violated) count.relevant++;
    this.invariants.set(id, count);
  }

  /** Counts one action's verdict. */
  action(kind: string, accepted: boolean): void {
    if (!this.enabled) return;
    const count = this.actions.get(kind) ?? { accepted: 0, rejected: 0 };
    if (accepted) count.accepted++;
    else count.rejected++;
    this.actions.set(kind, count);
  }

  /** Adds another counter's counts to this one. */
  merge(other: CoverageCounter): this {
    for (const [id, c] of other.guards) {
      const mine = this.guards.get(id) ?? { pass: 0, reject: 0 };
      this.guards.set(id, { pass: mine.pass + c.pass, reject: mine.reject + c.reject });
    }
    for (const [id, c] of other.invariants) {
      const mine = this.invariants.get(id) ?? { relevant: 0, held: 0, violated: 0 };
      this.invariants.set(id, {
        relevant: mine.relevant + c.relevant,
        held: mine.held + c.held,
        violated: mine.violated + c.violated,
      });
    }
    for (const [kind, c] of other.actions) {
      const mine = this.actions.get(kind) ?? { accepted: 0, rejected: 0 };
      this.actions.set(kind, { accepted: mine.accepted + c.accepted, rejected: mine.rejected + c.rejected });
    }
    for (const [name, profile] of other.profiles) this.profiles.set(name, profile);
    return this;
  }
}
