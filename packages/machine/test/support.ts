import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { expect } from "vitest";
import {
  type Action,
  emptyWorld,
  type Replica,
  resolveProfile,
  type StepResult,
  step,
  type Verdict,
  type World,
  type WorldConfig,
} from "../src/index.ts";

/** Users on four servers; a.example hosts the rooms. */
export const alice = "@alice:a.example" as UserId;
export const bob = "@bob:b.example" as UserId;
export const carol = "@carol:c.example" as UserId;
export const dave = "@dave:d.example" as UserId;
export const A = "a.example" as ServerName;
export const B = "b.example" as ServerName;
export const C = "c.example" as ServerName;

/** A room ID on a.example. */
export const room = (name: string) => `!${name}:a.example` as RoomId;

/** A world with a profile built from a name and option overrides. */
export function worldWith(
  options: Readonly<Record<string, string>> = {},
  config: Partial<Omit<WorldConfig, "profile">> & { profileName?: string } = {},
): World {
  const resolved = resolveProfile(config.profileName, options);
  if (!resolved.ok) throw new Error(resolved.message);
  return emptyWorld({ ...config, profile: resolved.profile });
}

/** Runs actions, asserting each is accepted; returns the final world. */
export function runAll(world: World, actions: ReadonlyArray<Action>): World {
  let w = world;
  for (const action of actions) {
    const result = step(w, action);
    expect(result.verdict, JSON.stringify(action)).toEqual({ accepted: true });
    w = result.world;
  }
  return w;
}

/** Asserts a rejection by `guard`. */
export function expectRejected(result: StepResult | Verdict, guard: string): void {
  const verdict = "verdict" in result ? result.verdict : result;
  expect(verdict.accepted, JSON.stringify(verdict)).toBe(false);
  if (!verdict.accepted) expect(verdict.guard).toBe(guard);
}

/** The hub copy of a room, which must exist. */
export function hubCopy(world: World, id: RoomId): Replica {
  const hub = world.rooms.get(id);
  const replica = hub === undefined ? undefined : world.servers.get(hub)?.persisted.rooms.get(id);
  if (replica === undefined) throw new Error(`no room ${id}`);
  return replica;
}

/** alice creates a group chat and bob (b.example) joins it. */
export function groupChatWithBob(world: World = emptyWorld(), id: RoomId = room("chat")): World {
  return runAll(world, [
    { kind: "create-room", user: alice, room: id, chatType: "group-chat", invite: [bob] },
    { kind: "join", user: bob, room: id },
  ]);
}
