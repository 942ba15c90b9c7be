/**
 * The shape every command shares. A command holds abstract choices (a `pick` number, a `wild`
 * flag, a variant) rather than concrete IDs: at run time it lists the concrete actions that make
 * sense in the current world (its candidates) and takes one by `pick`. So commands stay
 * meaningful after fast-check removes earlier commands while shrinking, and a command with no
 * candidate is skipped (`check` is false). `wild` widens the candidates to actions the machine
 * must refuse (a user not in the room, a message that is not in flight).
 *
 * After the step, the command runs every invariant and checker property, and then its oracle:
 * what the checker's model predicts of the verdict.
 *
 * @module
 */
import {
  type Action,
  describeAction,
  type Expectation,
  GUARDS,
  type GuardId,
  USER_ACTION_KINDS,
  type Verdict,
  type World,
} from "@mimi-spec/machine";
import type fc from "fast-check";
import { CheckFailure } from "../failure.ts";
import { checkWorld, type Model, type Real, runStep } from "../model.ts";
import { choose } from "./world-view.ts";

/** What a step did, for oracles. */
export interface Outcome {
  readonly before: World;
  readonly after: World;
  readonly verdict: Verdict;
}

/** What the model predicted and the machine did not do; `expect` is the verdict the step should have had, if known. */
export interface Disagreement {
  readonly message: string;
  readonly expect?: Expectation;
}

/** User action kinds: a refusal must leave the world exactly as it was. */
const USER_ACTION_KIND_SET: ReadonlySet<string> = new Set(USER_ACTION_KINDS);

/** The model's prediction for every command: a refused user action changes nothing. */
function refusalChangesNothing(action: Action, outcome: Outcome): Disagreement | undefined {
  if (outcome.verdict.accepted || !USER_ACTION_KIND_SET.has(action.kind) || outcome.after === outcome.before)
    return undefined;
  return { message: `${action.kind} was refused by ${outcome.verdict.guard}, yet the world changed` };
}

/** A model-based test command for one action kind. */
export abstract class ActionCommand implements fc.Command<Model, Real> {
  private last: Action | undefined;
  private resolved: { readonly world: World; readonly action: Action | undefined } | undefined;

  /**
   * @param pick - which candidate to take (modulo their number).
   * @param wild - whether to draw from every candidate, including the ones that must be refused.
   */
  constructor(
    readonly pick: number,
    readonly wild: boolean,
  ) {}

  /** The action kind this command runs. */
  abstract readonly kind: Action["kind"];

  /** The concrete actions this command can take in `model.world`. */
  abstract candidates(model: Readonly<Model>): ReadonlyArray<Action>;

  /** What the model predicts of this step; a disagreement fails the run. */
  oracle(_model: Readonly<Model>, _action: Action, _outcome: Outcome): Disagreement | undefined {
    return undefined;
  }

  /** Updates the model after a step that agreed with it. */
  update(_model: Model, _action: Action, _outcome: Outcome): void {}

  /** The action this command takes now, if it has one. */
  resolve(model: Readonly<Model>): Action | undefined {
    // fast-check calls `check` and then `run` on the same world: list the candidates once.
    if (this.resolved?.world !== model.world)
      this.resolved = { world: model.world, action: choose(this.candidates(model), this.pick) };
    return this.resolved.action;
  }

  /** Whether the command has an action to take in the model's world (fast-check skips it otherwise). */
  check(model: Readonly<Model>): boolean {
    return this.resolve(model) !== undefined;
  }

  /** Takes the action, checks every invariant and property, then the oracle; throws a `CheckFailure` on the first failure. */
  run(model: Model, real: Real): void {
    const action = this.resolve(model);
    if (action === undefined) return;
    this.last = action;
    const outcome = runStep(real, action);
    model.world = outcome.after;
    checkWorld(outcome.after, real.coverage, model.config.expectViolations);
    const disagreement = refusalChangesNothing(action, outcome) ?? this.oracle(model, action, outcome);
    if (disagreement !== undefined) {
      const expect = disagreement.expect;
      const requirements =
        expect === undefined || expect === "accepted"
          ? []
          : (GUARDS[expect.rejected as GuardId]?.requirements ?? []);
      throw new CheckFailure("oracle", "model.verdict", requirements, disagreement.message, expect);
    }
    this.update(model, action, outcome);
  }

  /** The action last taken (what fast-check prints in a counterexample). */
  toString(): string {
    return this.last === undefined
      ? `${this.kind}(pick ${this.pick}${this.wild ? ", wild" : ""})`
      : describeAction(this.last);
  }
}

/** A disagreement unless `verdict` is a refusal by `guard`. */
export function expectRefusal(verdict: Verdict, guard: string, why: string): Disagreement | undefined {
  if (!verdict.accepted && verdict.guard === guard) return undefined;
  return {
    message: `${why}: the model expects a refusal by ${guard}, the machine ${verdict.accepted ? "accepted" : `refused by ${verdict.guard}`}`,
    expect: { rejected: guard },
  };
}

/** A disagreement unless `verdict` is an acceptance. */
export function expectAcceptance(verdict: Verdict, why: string): Disagreement | undefined {
  if (verdict.accepted) return undefined;
  return {
    message: `${why}: the model expects acceptance, the machine refused by ${verdict.guard}: ${verdict.reason}`,
    expect: "accepted",
  };
}

/** A disagreement if `verdict` is an acceptance (any refusal will do); `guard` is the one that should refuse. */
export function expectRefused(verdict: Verdict, guard: string, why: string): Disagreement | undefined {
  return verdict.accepted
    ? { message: `${why}, yet it was accepted; ${guard} should refuse it`, expect: { rejected: guard } }
    : undefined;
}
