/**
 * Seeded bugs: deliberate faults put into the machine for checker tests, without touching the
 * machine's code or API. Each replaces exports of one machine module (the test mocks that
 * module's file with a switchable copy, so every importer inside the machine sees the faulty
 * version while the bug is active) and says which commands reach it and what the checker's
 * story must name.
 *
 * @module
 */
import { focusWeights, type RandomCheckOptions } from "../../src/index.ts";

/** An absolute path to a machine source file. */
function machineFile(path: string): string {
  return new URL(`../../../machine/src/${path}`, import.meta.url).pathname;
}

// Minimal shapes of what the patches touch: the faults are written against the machine's
// behaviour, not its internal types.
type Module = Record<string, unknown>;
interface Event {
  readonly type: string;
  readonly sender: string;
  readonly state_key?: string;
  readonly content: Record<string, unknown>;
  readonly event_id: string;
  readonly room_id: string;
  readonly prev_events: ReadonlyArray<string>;
}
interface State {
  readonly chatType?: string;
  readonly fixedMembers?: ReadonlyArray<string>;
  readonly everLeft: unknown;
  readonly head: Event;
}
/** What the follower patch uses of a step's draft. */
interface Draft {
  server(name: string): { persisted: { rooms: ReadonlyMap<string, unknown> } };
  setServer(state: unknown): void;
}

/** A deliberate fault and how the checker must find it. */
export interface SeededBug {
  readonly id: string;
  /** What is wrong, in words. */
  readonly description: string;
  /** The machine module whose exports are replaced (a path under `packages/machine/src/`). */
  readonly module: string;
  /** The module with the faulty export (`original` is the real module). */
  readonly patch: (original: Module) => Promise<Module> | Module;
  /** How to run the checker so that it reaches the fault. */
  readonly options: RandomCheckOptions;
  /** What the shrunk story must name (an invariant, checker property or guard). */
  readonly names: RegExp;
}

function membership(event: Event): string | undefined {
  const value = event.content.membership;
  return typeof value === "string" ? value : undefined;
}

/** Replaces `checkChatRules` so that it lets the events `lets` picks through. */
function chatRulesLetting(lets: (state: State, event: Event) => boolean): (original: Module) => Module {
  return (original) => {
    const checkChatRules = original.checkChatRules as (ctx: unknown, state: State, event: Event) => unknown;
    return {
      ...original,
      checkChatRules: (ctx: unknown, state: State, event: Event) =>
        lets(state, event) ? undefined : checkChatRules(ctx, state, event),
    };
  };
}

const ADDS = new Set(["invite", "join", "knock"]);

/** The seeded bugs. */
export const SEEDED_BUGS: ReadonlyArray<SeededBug> = [
  {
    id: "dm-accepts-third-member",
    description:
      "the chat rules let a DM invite, admit or hear a knock from a user who is not one of its two members",
    module: "chat/rules.ts",
    patch: chatRulesLetting(
      (state, event) =>
        state.chatType === "dm" &&
        event.type === "m.room.member" &&
        ADDS.has(membership(event) ?? "") &&
        !(state.fixedMembers ?? []).includes(event.state_key ?? ""),
    ),
    options: {
      delivery: "instant",
      runs: 300,
      maxShrinkRuns: 400,
      maxCommands: 30,
      weights: focusWeights({ "create-room": 1, invite: 1, join: 1, knock: 1, "send-message": 1 }),
    },
    names: /model\.fixed-members[\s\S]*dm\.no-add|dm\.no-add[\s\S]*model\.fixed-members/u,
  },
  {
    id: "group-dm-rejoin",
    description: "the chat rules let a user who left a group DM be invited back or rejoin it",
    module: "chat/rules.ts",
    patch: async (original) => {
      const checkChatRules = original.checkChatRules as (ctx: unknown, state: State, event: Event) => unknown;
      const { phas } = (await import(machineFile("state/persistent-map.ts"))) as {
        phas: (m: unknown, k: string) => boolean;
      };
      return {
        ...original,
        checkChatRules: (ctx: unknown, state: State, event: Event) =>
          state.chatType === "group-dm" &&
          event.type === "m.room.member" &&
          ADDS.has(membership(event) ?? "") &&
          phas(state.everLeft, event.state_key ?? "")
            ? undefined
            : checkChatRules(ctx, state, event),
      };
    },
    options: {
      delivery: "instant",
      runs: 300,
      maxShrinkRuns: 400,
      maxCommands: 30,
      weights: focusWeights({ "create-room": 1, leave: 1, invite: 1, join: 1 }),
    },
    names: /group-dm\.survives-leave/u,
  },
  {
    id: "hub-skips-sender-server-check",
    description:
      "the hub forgets to check that a submitted event is signed by its sender's server (LM receive rule 1), so any server can speak for the hub's users",
    module: "policy/authorize.ts",
    patch: (original) => {
      const checkSignatures = original.checkSignatures as (
        ctx: unknown,
        event: unknown,
        form?: string,
      ) => unknown;
      return {
        ...original,
        checkSignatures: (ctx: unknown, event: unknown, form = "pdu") =>
          form === "lpdu" ? undefined : checkSignatures(ctx, event, form),
      };
    },
    options: {
      delivery: "instant",
      runs: 300,
      maxShrinkRuns: 400,
      maxCommands: 30,
      weights: focusWeights({ "create-room": 1, invite: 1, join: 1, "forge-limited": 1 }),
    },
    names: /receive\.signatures/u,
  },
  {
    id: "follower-ignores-hub-order",
    description:
      "a follower appends an event from its hub even when it does not follow its head, instead of buffering it until its predecessor arrives",
    module: "hub/follower.ts",
    patch: async (original) => {
      const receiveEvent = original.receiveEvent as (
        draft: Draft,
        server: string,
        from: string,
        event: Event,
      ) => unknown;
      const replicaModule = (await import(machineFile("state/replica.ts"))) as {
        appendToReplica: (replica: unknown, event: Event) => unknown;
        positionOf: (replica: unknown, id: string) => number | undefined;
      };
      const { storeReplica } = (await import(machineFile("server/apply.ts"))) as {
        storeReplica: (server: unknown, replica: unknown, event: Event) => unknown;
      };
      return {
        ...original,
        receiveEvent: (draft: Draft, server: string, from: string, event: Event) => {
          const state = draft.server(server);
          const replica = state.persisted.rooms.get(event.room_id) as { state: State } | undefined;
          if (
            replica !== undefined &&
            replicaModule.positionOf(replica, event.event_id) === undefined &&
            event.prev_events[0] !== replica.state.head.event_id
          ) {
            draft.setServer(storeReplica(state, replicaModule.appendToReplica(replica, event), event));
            return { accepted: true };
          }
          return receiveEvent(draft, server, from, event);
        },
      };
    },
    options: {
      delivery: "network",
      runs: 300,
      maxShrinkRuns: 1500,
      maxCommands: 40,
      weights: focusWeights({ "create-room": 1, join: 1, "send-message": 1, deliver: 3 }),
    },
    names: /history\.linear|hub\.processes-and-fans-out/u,
  },
  {
    id: "ban-does-not-silence",
    description:
      "the policy lets a banned user's messages through (the sender-joined rule skips banned senders)",
    module: "policy/authorize.ts",
    patch: async (original) => {
      const authorize = original.authorize as (
        ctx: unknown,
        view: { state: unknown },
        event: Event,
      ) => unknown;
      const { membershipOf } = (await import(machineFile("state/room-state.ts"))) as {
        membershipOf: (state: unknown, user: string) => string;
      };
      return {
        ...original,
        authorize: (ctx: unknown, view: { state: unknown }, event: Event) =>
          event.type !== "m.room.member" && membershipOf(view.state, event.sender) === "ban"
            ? { accepted: true }
            : authorize(ctx, view, event),
      };
    },
    options: {
      delivery: "instant",
      runs: 300,
      maxShrinkRuns: 400,
      maxCommands: 30,
      weights: focusWeights({ "create-room": 1, invite: 1, join: 1, ban: 1, "send-message": 1 }),
    },
    names: /ban\.no-events-after/u,
  },
  {
    id: "dm-directory-forgets",
    description:
      "a server's DM directory never finds an existing DM, so a second DM for the same pair is created",
    module: "server/directory.ts",
    patch: (original) => ({ ...original, roomsWithMembers: () => [] }),
    options: {
      delivery: "instant",
      runs: 300,
      maxShrinkRuns: 400,
      maxCommands: 30,
      weights: focusWeights({ "create-room": 1, join: 1 }),
    },
    names: /dm\.unique-per-pair|group-dm\.unique-per-member-set/u,
  },
  {
    id: "restart-loses-rooms",
    description: "a restarting server also forgets the rooms it persisted, hub copies included",
    module: "server/server.ts",
    patch: (original) => {
      const restarted = original.restarted as (server: { persisted: object }) => { persisted: object };
      return {
        ...original,
        restarted: (server: { persisted: object }) => {
          const after = restarted(server);
          return { ...after, persisted: { ...after.persisted, rooms: new Map() } };
        },
      };
    },
    options: {
      delivery: "instant",
      runs: 300,
      maxShrinkRuns: 400,
      maxCommands: 30,
      weights: focusWeights({ "create-room": 1, join: 1, restart: 1 }),
    },
    names: /hub\.exactly-one|history\.someone-keeps-all|hub\.processes-and-fans-out/u,
  },
];
