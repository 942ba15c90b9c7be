/**
 * The rooms and workloads of the machine benchmark. A room is built the way a hub builds it: a
 * public chat created at `a.example`, then members of ten other providers join one transaction at
 * a time, then they send messages, until the history has the requested length. Building goes
 * through the machine's own hub path (`hubReceive`), with the in-flight fan-out discarded between
 * batches: the benchmark measures the hub, not the followers.
 *
 * @module
 */
import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import {
  DEFAULT_ENCRYPTION,
  Draft,
  EVENT_TYPES,
  type EventIdScheme,
  emptyWorld,
  type ForgedEvent,
  type FullEvent,
  hubReceive,
  type LimitedEvent,
  limitedEvent,
  type Replica,
  selectAuthEvents,
  step,
  type World,
} from "../../packages/machine/src/index.ts";

/** The hub of every benchmark room. */
export const HUB = "a.example" as ServerName;
/** The benchmark room. */
export const ROOM = "!bench:a.example" as RoomId;
/** The room's creator, a user of the hub's own provider. */
export const CREATOR = "@creator:a.example" as UserId;
/** The providers the members come from (none of them is the hub). */
export const PROVIDERS: ReadonlyArray<ServerName> = Array.from(
  { length: 10 },
  (_, i) => `p${i}.example` as ServerName,
);

/** The `i`-th member: providers take turns, so each holds a tenth of the room. */
export function member(i: number): UserId {
  return `@u${i}:${PROVIDERS[i % PROVIDERS.length]}` as UserId;
}

/** A user who has never been in the room (for joins in the workloads). */
export function newcomer(i: number): UserId {
  return `@new${i}:${PROVIDERS[i % PROVIDERS.length]}` as UserId;
}

/** The server a user belongs to. */
export function serverOfUser(user: UserId): ServerName {
  return user.slice(user.indexOf(":") + 1) as ServerName;
}

/** A join of `user` (to a public room). */
export function joinOf(user: UserId): ForgedEvent {
  return { type: EVENT_TYPES.member, sender: user, stateKey: user, content: { membership: "join" } };
}

/** `user` leaving. */
export function leaveOf(user: UserId): ForgedEvent {
  return { type: EVENT_TYPES.member, sender: user, stateKey: user, content: { membership: "leave" } };
}

/** An (opaque, end-to-end encrypted) message from `user`. */
export function messageOf(user: UserId, n: number): ForgedEvent {
  return {
    type: EVENT_TYPES.encrypted,
    sender: user,
    content: { algorithm: DEFAULT_ENCRYPTION, ciphertext: `ciphertext number ${n} of the benchmark` },
  };
}

/** The hub's copy of the benchmark room in `world`. */
export function hubRoom(world: World): Replica {
  const replica = world.servers.get(HUB)?.persisted.rooms.get(ROOM);
  if (replica === undefined) throw new Error(`${HUB} holds no ${ROOM}`);
  return replica;
}

/** A benchmark room being built: the world and how many members joined so far. */
export interface BenchRoom {
  readonly world: World;
  readonly members: number;
  readonly messages: number;
}

/** A new public chat at the hub, created by {@link CREATOR}. */
export function createRoom(eventIds: EventIdScheme): BenchRoom {
  const result = step(emptyWorld({ eventIds }), {
    kind: "create-room",
    user: CREATOR,
    room: ROOM,
    chatType: "public-chat",
  });
  if (!result.verdict.accepted) throw new Error(`create-room refused: ${result.verdict.reason}`);
  return { world: result.world, members: 0, messages: 0 };
}

/** How many events go through one draft while building (the fan-out is dropped after each). */
const BUILD_BATCH = 2_000;

/**
 * Grows the room to `length` events: first joins until it has `members` members (of the ten
 * providers; the creator is not counted), then messages from the members in turn. Every event
 * goes through the hub path as a transaction from the member's provider.
 */
export function growRoom(room: BenchRoom, length: number, members: number): BenchRoom {
  let { world, members: joined, messages } = room;
  let txn = hubRoom(world).state.length;
  for (;;) {
    const remaining = length - hubRoom(world).state.length;
    if (remaining <= 0) return { world, members: joined, messages };
    const draft = new Draft(world, false, undefined);
    for (let k = 0; k < Math.min(BUILD_BATCH, remaining); k++) {
      const spec =
        joined < members ? joinOf(member(joined++)) : messageOf(member(messages++ % joined), messages);
      const origin = serverOfUser(spec.sender);
      const limited = limitedEvent(spec, ROOM, origin, draft.tick(), draft.profile);
      const outcome = hubReceive(draft, HUB, origin, `b${txn++}`, limited);
      if (!outcome.verdict.accepted) throw new Error(`building: ${outcome.verdict.reason}`);
    }
    world = { ...draft.finish(), inFlight: [] };
  }
}

/** One event of a workload: a limited event (for the hub path) and its origin and transaction. */
export interface Submission {
  readonly origin: ServerName;
  readonly txn: string;
  readonly limited: LimitedEvent;
}

/**
 * The workload's event mix, `count` events: 8 in 10 are messages from members, 1 in 10 a join of
 * a newcomer, 1 in 10 a member leaving. Leavers and senders are disjoint, so the whole batch is
 * accepted when applied in order, and every event is also accepted on its own.
 */
export function workloadSpecs(count: number, members: number, seed: number): ForgedEvent[] {
  const specs: ForgedEvent[] = [];
  // Members are split: the first half send messages, the second half leave (each at most once).
  const half = Math.max(1, Math.floor(members / 2));
  let leaver = 0;
  for (let i = 0; i < count; i++) {
    const pick = (i * 7919 + seed * 104_729) % 10;
    if (pick === 0) specs.push(joinOf(newcomer(seed * count + i)));
    else if (pick === 1 && leaver < members - half) specs.push(leaveOf(member(half + leaver++)));
    else specs.push(messageOf(member((i * 2_654_435_761 + seed) % half), i));
  }
  return specs;
}

/** The submissions of `specs` to the hub of `world` (fixed timestamps: the same every time). */
export function submissionsOf(world: World, specs: ReadonlyArray<ForgedEvent>): Submission[] {
  const profile = world.config.profile;
  return specs.map((spec, i) => {
    const origin = serverOfUser(spec.sender);
    return {
      origin,
      txn: `w${i}`,
      limited: limitedEvent(spec, ROOM, origin, world.clock + 1 + i, profile),
    };
  });
}

/**
 * The fully-formed events the hub would make of `specs` after the room's current head, each on its
 * own (for the authorization workload: every event is judged against the same state).
 */
export function formedEvents(world: World, specs: ReadonlyArray<ForgedEvent>): FullEvent[] {
  const replica = hubRoom(world);
  const profile = world.config.profile;
  return specs.map((spec, i) => {
    const origin = serverOfUser(spec.sender);
    const { signedBy, ...fields } = limitedEvent(spec, ROOM, origin, world.clock + 1 + i, profile);
    return {
      ...fields,
      content: fields.content as JsonObject,
      event_id: `$workload-${i}`,
      auth_events: selectAuthEvents(replica.state, fields, profile),
      prev_events: [replica.state.head.event_id],
      signedBy: [...signedBy, HUB],
    };
  });
}
