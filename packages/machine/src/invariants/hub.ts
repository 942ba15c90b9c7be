/**
 * Invariants of hubs and the send path: one fixed hub per room (the creator's server, named by
 * the room ID), followers that only ever hold a prefix of the hub's history, and hubs that only
 * send fully-formed events.
 *
 * @module
 */
import { roomIdParts, userIdParts } from "@mimi-spec/schema";
import { historyOf } from "../state/replica.ts";
import type { Invariant } from "./invariant.ts";
import { allReplicas, hubRooms } from "./walk.ts";

/** The invariants of hubs. */
export const hubInvariants: ReadonlyArray<Invariant> = [
  {
    id: "hub.exactly-one",
    requirements: ["HUB-1", "HUB-3"],
    description:
      "A room has exactly one hub, the server of the create event's sender; every copy names it and it never changes.",
    check(world) {
      for (const { room, hub, replica } of hubRooms(world)) {
        if (replica === undefined) return `the hub ${hub} of ${room} holds no copy of it`;
        const creatorServer = userIdParts(replica.state.create.sender).server;
        // Name the hub that is wrong: the room index's, else the one its copy names.
        const named = hub === creatorServer ? replica.hub : hub;
        if (named !== creatorServer)
          return `${room} has hub ${named}, not the creator's server ${creatorServer}`;
      }
      for (const { server, replica } of allReplicas(world)) {
        const hub = world.rooms.get(replica.roomId);
        if (hub !== undefined && replica.hub !== hub)
          return `${server}'s copy of ${replica.roomId} names ${replica.hub} as hub, not ${hub}`;
      }
      return undefined;
    },
  },
  {
    id: "hub.initial-is-room-id-server",
    requirements: ["SIG-ID-4", "SIG-ID-1"],
    description: "A room ID's server part is the creator's server, which is the room's initial hub.",
    check(world) {
      for (const { room, replica } of hubRooms(world)) {
        if (replica === undefined) continue;
        const server = roomIdParts(room).server;
        if (server !== userIdParts(replica.state.creator).server)
          return `room ${room} was created by ${replica.state.creator} of another server`;
      }
      return undefined;
    },
  },
  {
    id: "hub.processes-and-fans-out",
    requirements: ["HUB-2", "OQ-HUB-1"],
    description:
      "Every event any server holds went through the hub: each follower's history is a prefix of the hub's, every event signed by the hub.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const hubCopy = world.servers.get(replica.hub)?.persisted.rooms.get(replica.roomId);
        if (hubCopy === undefined) continue;
        const mine = historyOf(replica);
        const theirs = historyOf(hubCopy);
        for (let i = 0; i < mine.length; i++) {
          if (mine[i]?.event_id !== theirs[i]?.event_id)
            return `${server}'s copy of ${replica.roomId} has ${mine[i]?.event_id} at position ${i}, the hub has ${theirs[i]?.event_id ?? "nothing"}`;
          if (!mine[i]?.signedBy.includes(replica.hub))
            return `${server} holds ${mine[i]?.event_id} of ${replica.roomId}, which the hub ${replica.hub} did not sign`;
        }
      }
      return undefined;
    },
  },
  {
    id: "hub.emits-fully-formed",
    requirements: ["SIG-HUB-1"],
    description:
      "A hub sends only fully-formed events: it never submits a limited event, and every event it fans out has an ID, auth events and one prev event.",
    check(world) {
      for (const { message: m, id } of world.inFlight) {
        const hub = world.rooms.get(m.room);
        if (hub === undefined || m.from !== hub) continue;
        if (m.kind === "submit") return `message #${id}: the hub ${hub} sent a limited event`;
        const events =
          m.kind === "event" || m.kind === "invite" ? [m.event] : m.kind === "history" ? m.events : [];
        for (const e of events) {
          const first = e.prev_events.length === 0 && e.type === "m.room.create";
          if (
            typeof e.event_id !== "string" ||
            (!first && (e.prev_events.length !== 1 || e.auth_events.length === 0))
          )
            return `message #${id}: ${e.event_id} is not fully formed`;
        }
      }
      return undefined;
    },
  },
];
