/**
 * The peer of the machine benchmark: authorization the way the only public Linearized-Matrix hub
 * (matrix-org/eigen-server, `checkAuth`) does it, by recomputing the room's current state from
 * every event of the history on each check, then applying the LM I.1 rules to that state. Written
 * for this benchmark with plain mutable maps (the cheapest fold there is), and only for the event
 * kinds of the workload: messages (rules 6 and 7) and self joins and leaves (rules 5.2 and 5.4.1).
 * Like eigen-server, it does not look at `auth_events`.
 *
 * @module
 */
import type { FullEvent } from "../../packages/machine/src/index.ts";

/** The state a replay produces. */
interface ReplayedState {
  readonly creator: string;
  readonly memberships: Map<string, string>;
  joinRule: string | undefined;
  powerLevels: Record<string, unknown> | undefined;
}

/** Folds the whole history into the current state. */
export function replayState(history: ReadonlyArray<FullEvent>): ReplayedState {
  const state: ReplayedState = {
    creator: history[0]?.sender ?? "",
    memberships: new Map(),
    joinRule: undefined,
    powerLevels: undefined,
  };
  for (const event of history) {
    if (event.state_key === undefined) continue;
    switch (event.type) {
      case "m.room.member":
        if (typeof event.content.membership === "string")
          state.memberships.set(event.state_key, event.content.membership);
        break;
      case "m.room.join_rules":
        if (event.state_key === "" && typeof event.content.join_rule === "string")
          state.joinRule = event.content.join_rule;
        break;
      case "m.room.power_levels":
        if (event.state_key === "") state.powerLevels = event.content as Record<string, unknown>;
        break;
    }
  }
  return state;
}

function level(state: ReplayedState, user: string): number {
  if (state.powerLevels === undefined) return user === state.creator ? 100 : 0;
  const users = state.powerLevels.users as Record<string, unknown> | undefined;
  const explicit = users?.[user];
  if (typeof explicit === "number") return explicit;
  return typeof state.powerLevels.users_default === "number" ? state.powerLevels.users_default : 0;
}

function eventLevel(state: ReplayedState, type: string): number {
  const events = state.powerLevels?.events as Record<string, unknown> | undefined;
  const explicit = events?.[type];
  if (typeof explicit === "number") return explicit;
  const fallback = state.powerLevels?.events_default;
  return typeof fallback === "number" ? fallback : 0;
}

/** Whether the naive hub accepts `event` after `history` (replaying all of it first). */
export function naiveAccepts(history: ReadonlyArray<FullEvent>, event: FullEvent): boolean {
  const state = replayState(history);
  const senderMembership = state.memberships.get(event.sender) ?? "leave";
  if (event.type === "m.room.member") {
    const target = event.state_key ?? "";
    const current = state.memberships.get(target) ?? "leave";
    switch (event.content.membership) {
      case "join":
        if (event.sender !== target || current === "ban") return false;
        if ((state.joinRule ?? "invite") === "public") return true;
        return current === "invite" || current === "join";
      case "leave":
        return event.sender === target && (current === "invite" || current === "join" || current === "knock");
      default:
        throw new Error(`the naive peer does not model ${String(event.content.membership)}`);
    }
  }
  if (senderMembership !== "join") return false;
  return level(state, event.sender) >= eventLevel(state, event.type);
}
