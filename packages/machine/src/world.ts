/**
 * The state of the modelled world: every server (with what it persisted and what it only keeps
 * in memory), the messages in flight between servers, and the findings honest followers made
 * about misbehaving hubs. Worlds are immutable values; a step returns a new one.
 *
 * @module
 */
import type { RoomId, ServerName } from "@mimi-spec/schema";
import type { EventId } from "./event.ts";
import type { Envelope } from "./network/messages.ts";
import { defaultProfile, type Profile } from "./profile.ts";
import type { ServerState } from "./server/server.ts";
import type { Replica } from "./state/replica.ts";

/**
 * How messages travel. `instant`: every message a step sends is delivered in that step, oldest
 * first (the network is a FIFO that never fails). `network`: messages stay in flight until a
 * deliver, drop or duplicate action.
 */
export type Delivery = "instant" | "network";

/** How the hub names events: a counter (fast, readable) or LM's reference hash (the real ID). */
export type EventIdScheme = "counter" | "reference-hash";

/** The world's fixed settings. */
export interface WorldConfig {
  readonly profile: Profile;
  readonly delivery: Delivery;
  readonly eventIds: EventIdScheme;
}

/** A follower refused an event its hub sent: evidence of a misbehaving hub (LM §2.9 item 4). */
export interface Finding {
  readonly kind: "hub-misbehaviour";
  readonly server: ServerName;
  readonly room: RoomId;
  readonly eventId: EventId;
  readonly guard: string;
  readonly requirements: ReadonlyArray<string>;
  readonly reason: string;
}

/** The whole modelled world. */
export interface World {
  readonly config: WorldConfig;
  readonly servers: ReadonlyMap<ServerName, ServerState>;
  /** Every room ever created and its hub: an observer's index (servers never read it). */
  readonly rooms: ReadonlyMap<RoomId, ServerName>;
  readonly inFlight: ReadonlyArray<Envelope>;
  readonly nextMessageId: number;
  readonly nextEventNumber: number;
  /** A logical clock for `origin_server_ts`. */
  readonly clock: number;
  readonly findings: ReadonlyArray<Finding>;
}

/** A world with no servers, rooms or messages. */
export function emptyWorld(config: Partial<WorldConfig> = {}): World {
  return {
    config: {
      profile: config.profile ?? defaultProfile(),
      delivery: config.delivery ?? "instant",
      eventIds: config.eventIds ?? "counter",
    },
    servers: new Map(),
    rooms: new Map(),
    inFlight: [],
    nextMessageId: 1,
    nextEventNumber: 1,
    clock: 0,
    findings: [],
  };
}

/** A server's copy of a room, if it holds one. */
export function replicaAt(world: World, server: ServerName, room: RoomId): Replica | undefined {
  return world.servers.get(server)?.persisted.rooms.get(room);
}

/** The hub's copy of a room: the room itself. */
export function hubReplica(world: World, room: RoomId): Replica | undefined {
  const hub = world.rooms.get(room);
  return hub === undefined ? undefined : replicaAt(world, hub, room);
}
