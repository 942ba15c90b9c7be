/**
 * When an invariant is not vacuous. An invariant holds trivially on a world with nothing it
 * talks about (no DM preview, no ban, no follower copy); counting those checks would report it
 * as exercised when no run ever tested it. One pass over the world collects {@link WorldFacts};
 * each invariant's predicate reads them. An invariant without a predicate here counts as
 * relevant whenever a room exists.
 *
 * @module
 */
import { pentries, type World } from "@mimi-spec/machine";

/** What a world has, as far as invariant relevance goes. */
export interface WorldFacts {
  readonly rooms: number;
  /** A hub copy with at least two events (so auth events and prev events exist). */
  readonly history: boolean;
  /** A server holds a copy of a room it is not the hub of. */
  readonly followerCopy: boolean;
  /** Chat types of existing rooms. */
  readonly chatTypes: ReadonlySet<string>;
  /** `chatType membership` pairs present at the hubs (`* ban` for any chat type). */
  readonly memberships: ReadonlySet<string>;
  /** A group DM someone left. */
  readonly groupDmLeft: boolean;
  /** Chat types of the invite previews servers hold (`listed` when a preview lists members). */
  readonly previews: ReadonlySet<string>;
  /** A directory entry for a group DM. */
  readonly groupDmInDirectory: boolean;
  /** A message from a room's hub is in flight. */
  readonly hubMessageInFlight: boolean;
}

/** Collects the facts of `world` in one pass. */
export function worldFacts(world: World): WorldFacts {
  let history = false;
  let followerCopy = false;
  let groupDmLeft = false;
  let groupDmInDirectory = false;
  const chatTypes = new Set<string>();
  const memberships = new Set<string>();
  const previews = new Set<string>();
  for (const [room, hub] of world.rooms) {
    const state = world.servers.get(hub)?.persisted.rooms.get(room)?.state;
    if (state === undefined) continue;
    const chatType = state.chatType ?? "none";
    chatTypes.add(chatType);
    if (state.length >= 2) history = true;
    for (const [, m] of pentries(state.memberships)) {
      memberships.add(`${chatType} ${m}`);
      if (m === "ban") memberships.add("* ban");
    }
    if (chatType === "group-dm" && pentries(state.everLeft).length > 0) groupDmLeft = true;
  }
  for (const [name, server] of world.servers) {
    for (const replica of server.persisted.rooms.values()) if (replica.hub !== name) followerCopy = true;
    for (const record of server.persisted.invites.values()) {
      const inputs = record.previewInputs;
      if (inputs === undefined) continue;
      previews.add(inputs.chatType);
      if (inputs.members.length > 0) previews.add("listed");
    }
    for (const entry of server.persisted.directory.entries.values())
      if (entry.chatType === "group-dm") groupDmInDirectory = true;
  }
  const hubMessageInFlight = world.inFlight.some((e) => world.rooms.get(e.message.room) === e.message.from);
  return {
    rooms: world.rooms.size,
    history,
    followerCopy,
    chatTypes,
    memberships,
    groupDmLeft,
    previews,
    groupDmInDirectory,
    hubMessageInFlight,
  };
}

type Predicate = (facts: WorldFacts) => boolean;

const anyRoom: Predicate = (f) => f.rooms > 0;
const history: Predicate = (f) => f.history;
const followers: Predicate = (f) => f.followerCopy;
const chat =
  (type: string): Predicate =>
  (f) =>
    f.chatTypes.has(type);
const member =
  (key: string): Predicate =>
  (f) =>
    f.memberships.has(key);
const preview =
  (...types: string[]): Predicate =>
  (f) =>
    types.some((t) => f.previews.has(t));

/** The relevance predicate of each invariant the checker knows. */
export const RELEVANCE: Readonly<Record<string, Predicate>> = {
  "history.create-first": anyRoom,
  "history.linear": history,
  "auth-events.state-only": history,
  "auth-events.include-create": history,
  "auth-chain.within-history": history,
  "history.only-accepted": history,
  "replicas.only-accepted": history,
  "history.someone-keeps-all": followers,
  "room.policy-fixed": anyRoom,
  "ban.no-events-after": member("* ban"),
  "hub.exactly-one": anyRoom,
  "hub.initial-is-room-id-server": anyRoom,
  "hub.processes-and-fans-out": followers,
  "hub.emits-fully-formed": (f) => f.hubMessageInFlight,
  "dm.unique-per-pair": chat("dm"),
  "group-dm.unique-per-member-set": chat("group-dm"),
  "group-dm.survives-leave": (f) => f.groupDmLeft,
  "group-dm.never-becomes-dm": (f) => f.groupDmInDirectory,
  "group-chat.add": member("group-chat join"),
  "group-dm.leave": member("group-dm join"),
  "group-chat.leave": member("group-chat join"),
  "room.has-mls-acp": (f) => [...f.chatTypes].some((t) => t !== "none"),
  "preview.dm.sender-name": preview("dm"),
  "preview.dm.sender-id": preview("dm"),
  "preview.dm.sender-avatar": preview("dm"),
  "preview.dm.first-message": preview("dm"),
  "preview.dm.status-message": preview("dm"),
  "preview.group-chat.name": preview("group-chat", "public-chat"),
  "preview.group-dm.invitees": preview("group-dm"),
  "preview.group-chat.members": preview("group-chat", "public-chat"),
  "preview.avatar-by-owner": preview("listed"),
};

/** Whether the invariant `id` has something to check in a world with these facts. */
export function isRelevant(id: string, facts: WorldFacts): boolean {
  return (RELEVANCE[id] ?? anyRoom)(facts);
}
