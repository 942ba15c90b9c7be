/**
 * Invariants of room histories: create first, one linear chain, auth events that are earlier
 * state events including the create event, every event one the policy accepts (in the hub's copy
 * and, when followers enforce, in every copy), every copy holding its members' auth chains, no
 * event from a banned user while the ban lasts, and no follower holding what its users may not see.
 *
 * @module
 */
import type { UserId } from "@mimi-spec/schema";
import { EVENT_TYPES, type EventId, isStateEvent, stateKeyOf } from "../event.ts";
import { pentries, pget } from "../state/persistent-map.ts";
import { eventById, historyOf, positionOf, type Replica } from "../state/replica.ts";
import { membershipValue } from "../state/room-state.ts";
import { serverSees } from "../visibility/history.ts";
import type { Invariant } from "./invariant.ts";
import { replayRefusal } from "./replay.ts";
import { allReplicas, hubRooms } from "./walk.ts";

/** The first event id of `id`'s auth chain (itself included) that the copy lacks, if any. */
function missingFromAuthChain(replica: Replica, id: EventId, checked: Set<EventId>): EventId | undefined {
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as EventId;
    if (checked.has(next)) continue;
    checked.add(next);
    const event = eventById(replica, next);
    if (event === undefined) return next;
    stack.push(...event.auth_events);
  }
  return undefined;
}

/** The invariants of histories. */
export const historyInvariants: ReadonlyArray<Invariant> = [
  {
    id: "history.create-first",
    requirements: ["SIG-CREATE-1"],
    description:
      "Every copy of a room starts with that room's create event, and no later event is a create event.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const history = historyOf(replica);
        const first = history[0];
        if (first?.type !== EVENT_TYPES.create)
          return `${server}'s copy of ${replica.roomId} does not start with a create event`;
        if (first.room_id !== replica.roomId)
          return `${server}'s copy of ${replica.roomId} starts with the create event of ${first.room_id}`;
        const extra = history.findIndex((e, i) => i > 0 && e.type === EVENT_TYPES.create);
        if (extra > 0)
          return `${server}'s copy of ${replica.roomId} has a second create event at position ${extra}`;
      }
      return undefined;
    },
  },
  {
    id: "history.linear",
    requirements: ["SIG-ROOM-2", "SIG-ROOM-3"],
    description:
      "Each event after the first names exactly the event before it as its only prev_event, so every event has one child.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const history = historyOf(replica);
        for (let i = 1; i < history.length; i++) {
          const event = history[i];
          const before = history[i - 1];
          if (event === undefined || before === undefined) continue;
          if (event.prev_events.length !== 1 || event.prev_events[0] !== before.event_id)
            return `${server}'s copy of ${replica.roomId}: ${event.event_id} at position ${i} names ${JSON.stringify(event.prev_events)}, not [${before.event_id}]`;
        }
      }
      return undefined;
    },
  },
  {
    id: "auth-events.state-only",
    requirements: ["SIG-AUTH-2"],
    description: "Every auth event an event names is a state event, never a message event.",
    check(world) {
      for (const { server, replica } of allReplicas(world))
        for (const event of historyOf(replica))
          for (const id of event.auth_events) {
            const referenced = eventById(replica, id);
            if (referenced !== undefined && !isStateEvent(referenced))
              return `${server}'s copy of ${replica.roomId}: ${event.event_id} names the message event ${id} as an auth event`;
          }
      return undefined;
    },
  },
  {
    id: "auth-events.include-create",
    requirements: ["SIG-CREATE-3"],
    description: "Every event after the create event names the create event among its auth events.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const history = historyOf(replica);
        const create = history[0]?.event_id;
        for (const event of history.slice(1))
          if (create === undefined || !event.auth_events.includes(create))
            return `${server}'s copy of ${replica.roomId}: ${event.event_id} does not name the create event as an auth event`;
      }
      return undefined;
    },
  },
  {
    id: "auth-chain.within-history",
    requirements: ["SIG-AUTH-4"],
    description:
      "Every auth event is an earlier event of the same room, so auth chains stay within the history.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const history = historyOf(replica);
        for (let i = 0; i < history.length; i++) {
          const event = history[i];
          for (const id of event?.auth_events ?? []) {
            const at = positionOf(replica, id);
            if (at === undefined || at >= i)
              return `${server}'s copy of ${replica.roomId}: auth event ${id} of ${event?.event_id} is not an earlier event of the room`;
          }
        }
      }
      return undefined;
    },
  },
  {
    id: "history.only-accepted",
    requirements: ["SIG-EVENT-4"],
    description:
      "Replaying each room from its create event, the policy accepts every event of the hub's history.",
    check(world) {
      for (const { room, replica } of hubRooms(world)) {
        if (replica === undefined) continue;
        const refusal = replayRefusal(world.config.profile, replica);
        if (refusal !== undefined) return `${room}: ${refusal}`;
      }
      return undefined;
    },
  },
  {
    id: "replicas.only-accepted",
    requirements: ["OQ-MGMT-8"],
    description:
      "Every follower's copy of a room is one the policy accepts from its create event on: followers re-check what the hub sends (fails under mgmt.enforcement = hub-only when the hub misbehaves).",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        if (server === replica.hub) continue;
        const refusal = replayRefusal(world.config.profile, replica);
        if (refusal !== undefined) return `${server}'s copy of ${replica.roomId}: ${refusal}`;
      }
      return undefined;
    },
  },
  {
    id: "join.has-member-auth-chains",
    requirements: ["SIG-HIST-1"],
    description:
      "Every copy of a room holds, for each user it shows as joined, that user's membership event and its whole auth chain.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const checked = new Set<EventId>();
        for (const [user, membership] of pentries(replica.state.memberships)) {
          if (membership !== "join") continue;
          const event = pget(replica.state.stateEvents, stateKeyOf(EVENT_TYPES.member, user));
          const missing =
            event === undefined
              ? `(no membership event)`
              : missingFromAuthChain(replica, event.event_id, checked);
          if (missing !== undefined)
            return `${server}'s copy of ${replica.roomId} shows ${user as UserId} joined but lacks ${missing} of their auth chain`;
        }
      }
      return undefined;
    },
  },
  {
    id: "history.visible-to",
    requirements: ["OQ-HIST-1"],
    description:
      "A follower holds the content of a message event only if one of its users may see it under the history visibility in force when it was sent (POL-00, room.default-history-visibility while unset); other copies are redacted.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        if (server === replica.hub) continue;
        const hubCopy = world.servers.get(replica.hub)?.persisted.rooms.get(replica.roomId);
        if (hubCopy === undefined) continue;
        const history = historyOf(hubCopy);
        let sees: boolean[] | undefined;
        for (const event of historyOf(replica)) {
          if (isStateEvent(event) || event.redacted === true) continue;
          const at = positionOf(hubCopy, event.event_id);
          if (at === undefined) continue;
          sees ??= serverSees(history, server, world.config.profile);
          if (sees[at] !== true)
            return `${server} holds the content of ${event.event_id} in ${replica.roomId}, which none of its users may see`;
        }
      }
      return undefined;
    },
  },
  {
    id: "history.someone-keeps-all",
    requirements: ["SIG-HIST-3", "OQ-HIST-2"],
    description: "The hub holds every event of its room: no server holds an event the hub's history lacks.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const hubCopy = world.servers.get(replica.hub)?.persisted.rooms.get(replica.roomId);
        if (hubCopy === undefined)
          return `the hub ${replica.hub} holds no copy of ${replica.roomId}, which ${server} holds`;
        for (const event of historyOf(replica))
          if (positionOf(hubCopy, event.event_id) === undefined)
            return `${server} holds ${event.event_id} of ${replica.roomId}, which the hub's history lacks`;
      }
      return undefined;
    },
  },
  {
    id: "room.policy-fixed",
    requirements: ["SIG-POLICY-1"],
    description: "The policy in force (room version and chat type) is the one the room's first event named.",
    check(world) {
      for (const { server, replica } of allReplicas(world)) {
        const first = historyOf(replica)[0];
        if (first !== undefined && replica.state.create.event_id !== first.event_id)
          return `${server}'s copy of ${replica.roomId} takes its policy from ${replica.state.create.event_id}, not its first event`;
        const named = replica.state.create.content.chat_type;
        if (replica.state.chatType !== undefined && replica.state.chatType !== named)
          return `${server}'s copy of ${replica.roomId} is a ${replica.state.chatType}, but its create event says ${String(named)}`;
      }
      return undefined;
    },
  },
  {
    id: "ban.no-events-after",
    requirements: ["SIG-POLICY-3"],
    description: "While a user is banned from a room, the hub accepts no event from them.",
    check(world) {
      for (const { room, replica } of hubRooms(world)) {
        if (replica === undefined) continue;
        const banned = new Set<string>();
        for (const event of historyOf(replica)) {
          if (banned.has(event.sender))
            return `${room}: ${event.event_id} comes from ${event.sender}, who is banned`;
          if (event.type === EVENT_TYPES.member && event.state_key !== undefined) {
            if (membershipValue(event.content) === "ban") banned.add(event.state_key);
            else banned.delete(event.state_key);
          }
        }
      }
      return undefined;
    },
  },
];
