/**
 * Invariants of chat types: at most one DM per pair (CHAT-2) and one unreduced group DM per
 * member set (CHAT-4), group DMs stay group DMs of their remaining members (CHAT-13, CHAT-14),
 * and the possibility requirements: in a group chat a member who may invite can add a new user
 * (CHAT-8), and a joined member of a group DM or group chat can always leave (CHAT-10, CHAT-11).
 *
 * @module
 */
import type { ServerName, UserId } from "@mimi-spec/schema";
import { userIdParts } from "@mimi-spec/schema";
import { EVENT_TYPES, type FullEvent } from "../event.ts";
import { selectAuthEvents } from "../policy/auth-selection.ts";
import { authorize } from "../policy/authorize.ts";
import type { Profile } from "../profile.ts";
import { directoryKey } from "../server/directory.ts";
import { phas } from "../state/persistent-map.ts";
import { actionLevel, userLevel } from "../state/power-levels.ts";
import { eventById, type Replica } from "../state/replica.ts";
import { joinedUsers, membershipOf } from "../state/room-state.ts";
import type { Verdict } from "../verdict.ts";
import type { Invariant } from "./invariant.ts";
import { hubRooms } from "./walk.ts";

/** The verdict the hub would give a membership event `sender` sends about `target` now. */
export function hypotheticalMembership(
  replica: Replica,
  profile: Profile,
  sender: UserId,
  target: UserId,
  membership: string,
): Verdict {
  const fields = {
    room_id: replica.roomId,
    type: EVENT_TYPES.member,
    state_key: target,
    sender,
    content: { membership },
    origin_server_ts: 0,
  };
  const senderServer: ServerName = userIdParts(sender).server;
  const event: FullEvent = {
    ...fields,
    event_id: "$hypothetical",
    auth_events: selectAuthEvents(replica.state, fields, profile),
    prev_events: [replica.state.head.event_id],
    signedBy: senderServer === replica.hub ? [senderServer] : [senderServer, replica.hub],
  };
  return authorize({ profile }, { state: replica.state, eventById: (id) => eventById(replica, id) }, event);
}

/** A user no trace uses, on the hub's server, for "could a new user be added" checks. */
function probeUser(replica: Replica): UserId {
  return `@invariant-probe:${replica.hub}` as UserId;
}

function uniquePer(chatType: "dm" | "group-dm", describe: string): Invariant["check"] {
  return (world) => {
    const seen = new Map<string, string>();
    for (const { room, replica } of hubRooms(world)) {
      const state = replica?.state;
      if (state?.chatType !== chatType || state.fixedMembers === undefined) continue;
      const current = state.fixedMembers.filter((m) => !phas(state.everLeft, m));
      // CHAT-13: a group DM that lost a member may share its member set with another one.
      if (current.length < state.fixedMembers.length) continue;
      const key = directoryKey(chatType, current);
      const other = seen.get(key);
      if (other !== undefined) return `${other} and ${room} are both ${describe} ${current.join(", ")}`;
      seen.set(key, room);
    }
    return undefined;
  };
}

/** The invariants of chat types. */
export const chatInvariants: ReadonlyArray<Invariant> = [
  {
    id: "dm.unique-per-pair",
    requirements: ["CHAT-2"],
    description:
      "At most one DM exists between the same two users (fails under chat.dm-creation = any-member when two providers race).",
    check: uniquePer("dm", "DMs between"),
  },
  {
    id: "group-dm.unique-per-member-set",
    requirements: ["CHAT-4", "CHAT-13"],
    description:
      "At most one group DM exists per exact set of users, not counting group DMs that lost a member (CHAT-13).",
    check: uniquePer("group-dm", "group DMs of"),
  },
  {
    id: "group-dm.survives-leave",
    requirements: ["CHAT-13"],
    description:
      "A group DM that lost a member is still a group DM of exactly the remaining members, each still invited or joined.",
    check(world) {
      for (const { room, replica } of hubRooms(world)) {
        const state = replica?.state;
        if (state?.chatType !== "group-dm" || state.fixedMembers === undefined) continue;
        for (const member of state.fixedMembers) {
          const membership = membershipOf(state, member);
          const left = phas(state.everLeft, member);
          if (!left && membership !== "invite" && membership !== "join")
            return `${room}: ${member} never left but has membership ${membership}`;
          if (left && (membership === "invite" || membership === "join"))
            return `${room}: ${member} left but is ${membership} again`;
        }
      }
      return undefined;
    },
  },
  {
    id: "group-dm.never-becomes-dm",
    requirements: ["CHAT-14"],
    description:
      "A group DM stays a group DM however few members remain, and no server's directory counts it as a DM.",
    check(world) {
      for (const [server, state] of world.servers)
        for (const [room, entry] of state.persisted.directory.entries) {
          const hub = world.rooms.get(room);
          const chatType =
            hub === undefined ? undefined : world.servers.get(hub)?.persisted.rooms.get(room)?.state.chatType;
          if (chatType !== undefined && entry.chatType !== chatType)
            return `${server} files ${room}, a ${chatType}, as a ${entry.chatType}`;
        }
      return undefined;
    },
  },
  {
    id: "group-chat.add",
    requirements: ["CHAT-8"],
    description:
      "In a group chat, any joined member at or above the invite level can invite a user new to the room.",
    check(world) {
      const profile = world.config.profile;
      for (const { room, replica } of hubRooms(world)) {
        if (replica?.state.chatType !== "group-chat") continue;
        const needed = actionLevel(replica.state, "invite", profile);
        for (const member of joinedUsers(replica.state)) {
          if (userLevel(replica.state, member, profile) < needed) continue;
          const verdict = hypotheticalMembership(replica, profile, member, probeUser(replica), "invite");
          if (!verdict.accepted)
            return `${room}: ${member} cannot invite a new user (${verdict.guard}: ${verdict.reason})`;
        }
      }
      return undefined;
    },
  },
  {
    id: "group-dm.leave",
    requirements: ["CHAT-10"],
    description:
      "Every joined member of a group DM can leave it (fails under mgmt.fixed-membership-rooms = no-membership-changes).",
    check(world) {
      return everyoneCanLeave(world, "group-dm");
    },
  },
  {
    id: "group-chat.leave",
    requirements: ["CHAT-11"],
    description: "Every joined member of a group chat can leave it.",
    check(world) {
      return everyoneCanLeave(world, "group-chat");
    },
  },
];

function everyoneCanLeave(
  world: Parameters<Invariant["check"]>[0],
  chatType: "group-dm" | "group-chat",
): string | undefined {
  const profile = world.config.profile;
  for (const { room, replica } of hubRooms(world)) {
    if (replica?.state.chatType !== chatType) continue;
    for (const member of joinedUsers(replica.state)) {
      const verdict = hypotheticalMembership(replica, profile, member, member, "leave");
      if (!verdict.accepted) return `${room}: ${member} cannot leave (${verdict.guard}: ${verdict.reason})`;
    }
  }
  return undefined;
}
