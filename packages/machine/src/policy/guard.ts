/**
 * Turning a failed guard into a verdict: the guard's requirements and its reason template, filled
 * from the event and the room. Also the hook through which tests and traces see every guard
 * that was evaluated, passing or refusing (for coverage).
 *
 * @module
 */
import { GUARDS, type GuardId } from "../generated/guards.ts";
import type { ReasonPlaceholder } from "../models/common.ts";
import type { GuardInfo } from "../models/load.ts";
import { enabledUnder, type Profile } from "../profile.ts";
import type { Accepted, Rejected } from "../verdict.ts";

/** Values for a reason's `{placeholders}`. */
export type ReasonValues = Partial<Record<ReasonPlaceholder, string | number | undefined>>;

/** Sees each guard evaluation: `pass` when the guard held, `reject` when it refused. */
export type GuardObserver = (guard: GuardId, outcome: "pass" | "reject") => void;

/** What guard evaluation needs besides the room and the event. */
export interface CheckContext {
  readonly profile: Profile;
  readonly observe?: GuardObserver | undefined;
}

/** The accepted verdict. */
export const ACCEPTED: Accepted = Object.freeze({ accepted: true });

/** Fills `{name}` placeholders; a value the caller did not supply shows as `(unknown)`. */
export function renderReason(template: string, values: ReasonValues): string {
  return template.replace(/\{([A-Za-z]+)\}/gu, (_, name: string) => {
    const value = values[name as ReasonPlaceholder];
    return value === undefined ? "(unknown)" : String(value);
  });
}

/** The rejection of `guard`, with its requirements and its reason filled from `values`. */
export function rejection(guard: GuardId, values: ReasonValues): Rejected {
  const info = GUARDS[guard];
  return {
    accepted: false,
    guard,
    requirements: info.requirements,
    reason: renderReason(info.reason, values),
  };
}

/** Whether `guard` applies under the profile (a guard with `enabledWhen` may be switched off). */
export function guardEnabled(ctx: CheckContext, guard: GuardId): boolean {
  const info = GUARDS[guard] as GuardInfo;
  return enabledUnder(ctx.profile, info.enabledWhen);
}

/**
 * Evaluates one guard: `holds` says whether its condition is met. Reports the outcome to the
 * observer and returns the rejection when the guard refuses.
 */
export function check(
  ctx: CheckContext,
  guard: GuardId,
  holds: boolean,
  values: () => ReasonValues,
): Rejected | undefined {
  ctx.observe?.(guard, holds ? "pass" : "reject");
  return holds ? undefined : rejection(guard, values());
}
