/**
 * What a checked world runs under: a named profile, option overrides and the delivery mode.
 * The same three fields make a counterexample's trace replayable by `mimi model run`.
 *
 * @module
 */
import { type Delivery, emptyWorld, resolveProfile, type World } from "@mimi-spec/machine";

/** The configuration of one checked world. */
export interface CheckConfig {
  /** A profile name from `models/profiles.json`. */
  readonly profile: string;
  /** Option overrides (`option` → value), as in a trace's `options`. */
  readonly options?: Readonly<Record<string, string>>;
  /** `instant` (every message delivered within its step) or `network` (the network is a command). */
  readonly delivery: Delivery;
  /**
   * Invariants this configuration is known to break because its options contradict the
   * requirement (as a trace's `expectViolations`): counted, but not failures.
   */
  readonly expectViolations?: ReadonlyArray<string>;
}

/** The default configuration: the reference profile, instant delivery. */
export const DEFAULT_CONFIG: CheckConfig = { profile: "lm-i1", delivery: "instant" };

/** An empty world under `config`; throws with the machine's message on an unknown profile or option. */
export function worldFor(config: CheckConfig): World {
  const resolved = resolveProfile(config.profile, config.options ?? {});
  if (!resolved.ok) throw new Error(resolved.message);
  return emptyWorld({ profile: resolved.profile, delivery: config.delivery });
}

/** `lm-i1 +option=value, network`: a configuration in one line. */
export function describeConfig(config: CheckConfig): string {
  const options = Object.entries(config.options ?? {}).map(([k, v]) => ` +${k}=${v}`);
  return `${config.profile}${options.join("")}, ${config.delivery} delivery`;
}
