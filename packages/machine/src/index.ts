/**
 * `@mimi-spec/machine`: the reference room / hub / policy state machine. Worlds are immutable
 * values; {@link step} applies one action or refuses it with a named guard, the requirement it
 * enforces and a reason.
 *
 * May import: `@mimi-spec/schema`.
 *
 * @packageDocumentation
 * @module @mimi-spec/machine
 */
export * from "./action.ts";
export * from "./event.ts";
export * from "./guards.ts";
export * from "./invariants.ts";
export * from "./step.ts";
export type * from "./verdict.ts";
export * from "./world.ts";
