/**
 * `@mimi-spec/machine`: the reference room / hub / policy state machine. Worlds are immutable
 * values; {@link step} applies one action, or refuses it with a named guard, the requirements
 * it enforces and a reason. The tables it runs on are generated from `models/`.
 *
 * May import: `@mimi-spec/schema`, `effect`.
 *
 * @packageDocumentation
 * @module @mimi-spec/machine
 */
export * from "./action.ts";
export * from "./chat/rules.ts";
export * from "./event.ts";
export * from "./generated/diagrams.ts";
export * from "./generated/guards.ts";
export {
  CHAT_RULES,
  CHAT_TYPE_PROPERTIES,
  CREATION_RULES,
  DEFAULT_PROFILE,
  MEMBERSHIP_RULES,
  MLS_ACP_DEFAULTS,
  MLS_ACP_TEMPLATES,
  PERMISSIONS,
  PROFILE_OPTIONS,
  PROFILES,
  type SettingName,
  VISIBILITY_RULES,
  VISIBILITY_SETTINGS,
} from "./generated/tables.ts";
export * from "./hub/fanout.ts";
export * from "./hub/follower.ts";
export * from "./hub/form.ts";
export * from "./hub/hub.ts";
export * from "./invariants/index.ts";
export * from "./network/messages.ts";
export * from "./policy/auth-selection.ts";
export * from "./policy/authorize.ts";
export * from "./policy/guard.ts";
export * from "./policy/membership.ts";
export * from "./policy/mls.ts";
export * from "./policy/power-levels.ts";
export * from "./policy/server-names.ts";
export * from "./profile.ts";
export * from "./server/apply.ts";
export * from "./server/directory.ts";
export * from "./server/server.ts";
export * from "./state/log.ts";
export * from "./state/persistent-map.ts";
export * from "./state/power-levels.ts";
export * from "./state/replica.ts";
export * from "./state/room-state.ts";
export * from "./step/build.ts";
export * from "./step/create-room.ts";
export * from "./step/deliver.ts";
export * from "./step/draft.ts";
export * from "./step/step.ts";
export * from "./trace/describe.ts";
export * from "./trace/run.ts";
export * from "./trace/schema.ts";
export * from "./trace/summary.ts";
export type * from "./verdict.ts";
export * from "./visibility/history.ts";
export * from "./visibility/preview.ts";
export * from "./world.ts";
