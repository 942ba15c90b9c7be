/**
 * The action alphabet of one world: every meaningful instantiation, in the scope, of each
 * action kind the scope names. "Meaningful" is what a client or the network could do next:
 * users act on rooms their own server knows (a replica, or an invite to them), with targets
 * their server's view of the room makes plausible (the hub still decides, possibly on a newer
 * state); the network delivers, drops or duplicates any message in flight; servers retry
 * transactions whose submission was lost, sync rooms they follow and restart when they hold
 * volatile state. The alphabet is closed under renaming symmetric users, providers and rooms
 * (every order and target is offered), which symmetry reduction relies on.
 *
 * @module
 */
import {
  type Action,
  actionLevel,
  CHAT_TYPE_PROPERTIES,
  type ChatType,
  EVENT_TYPES,
  effectiveJoinRule,
  historyOf,
  inviteKey,
  membershipOf,
  mlsAcpInForce,
  type Profile,
  phas,
  type Replica,
  type ServerState,
  type SettingName,
  templatesFor,
  userLevel,
  VISIBILITY_SETTINGS,
  type World,
} from "@mimi-spec/machine";
import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { type ExplorableKind, type ResolvedExploreScope, scopeRoomId } from "./scope.ts";

const userSettings = (Object.keys(VISIBILITY_SETTINGS) as SettingName[]).filter(
  (name) => VISIBILITY_SETTINGS[name].scope === "user",
);
const hubSettings = (Object.keys(VISIBILITY_SETTINGS) as SettingName[]).filter(
  (name) => VISIBILITY_SETTINGS[name].scope === "hub",
);

/** Every ordering of every subset of `items` with at least `min` elements. */
function arrangements<T>(items: ReadonlyArray<T>, min: number): T[][] {
  const out: T[][] = [];
  const walk = (chosen: T[], rest: ReadonlyArray<T>): void => {
    if (chosen.length >= min) out.push(chosen);
    rest.forEach((item, i) => {
      walk([...chosen, item], [...rest.slice(0, i), ...rest.slice(i + 1)]);
    });
  };
  walk([], items);
  return out;
}

/** The invite lists a creator may start a room of `chatType` with. */
export function inviteLists(chatType: ChatType, others: ReadonlyArray<UserId>): UserId[][] {
  const members = CHAT_TYPE_PROPERTIES[chatType].members;
  if (!CHAT_TYPE_PROPERTIES[chatType].fixedMembership) return [[]];
  const min = Math.max(1, members.min - 1);
  const max = members.max === null ? others.length : members.max - 1;
  return arrangements(others, min).filter((list) => list.length <= max);
}

function serverState(world: World, name: ServerName): ServerState | undefined {
  return world.servers.get(name);
}

/** What a user's own server knows of a room: its replica and the user's invite record. */
export interface LocalView {
  readonly replica: Replica | undefined;
  readonly invited: boolean;
}

/** The membership actions `user` may try in `room`, given what their server knows of it. */
export function membershipActions(
  out: Action[],
  kinds: ReadonlySet<ExplorableKind>,
  user: UserId,
  room: RoomId,
  view: LocalView,
  users: ReadonlyArray<UserId>,
  profile: Profile,
): void {
  const { replica } = view;
  if (replica === undefined) {
    // Only an invite: the user can accept or decline it.
    if (kinds.has("join")) out.push({ kind: "join", user, room });
    if (kinds.has("leave")) out.push({ kind: "leave", user, room });
    return;
  }
  const state = replica.state;
  const mine = membershipOf(state, user);
  const joinRule = effectiveJoinRule(state, profile);
  if (
    kinds.has("join") &&
    (mine === "invite" || mine === "knock" || (mine === "leave" && joinRule === "public"))
  )
    out.push({ kind: "join", user, room });
  if (kinds.has("leave") && (mine === "join" || mine === "invite" || mine === "knock"))
    out.push({ kind: "leave", user, room });
  if (kinds.has("knock") && mine === "leave" && joinRule === "knock") out.push({ kind: "knock", user, room });
  if (mine !== "join") return;
  const level = userLevel(state, user, profile);
  const fixed = state.fixedMembers !== undefined;
  for (const target of users) {
    if (target === user) continue;
    const theirs = membershipOf(state, target);
    const below = userLevel(state, target, profile) < level;
    if (
      kinds.has("invite") &&
      !fixed &&
      (theirs === "leave" || theirs === "knock") &&
      level >= actionLevel(state, "invite", profile)
    )
      out.push({ kind: "invite", user, room, target });
    if (
      kinds.has("kick") &&
      (theirs === "join" || theirs === "invite" || theirs === "knock") &&
      below &&
      level >= actionLevel(state, "kick", profile)
    )
      out.push({ kind: "kick", user, room, target });
    if (kinds.has("ban") && theirs !== "ban" && below && level >= actionLevel(state, "ban", profile))
      out.push({ kind: "ban", user, room, target });
    if (kinds.has("unban") && theirs === "ban" && level >= actionLevel(state, "ban", profile))
      out.push({ kind: "unban", user, room, target });
  }
}

/**
 * The membership actions of a wild alphabet: every kind toward every user, whatever `user`'s
 * server knows of the room (it knows of it: a replica or an invite), plus a message from a user
 * who has not joined. A correct machine refuses what the plausible alphabet would not offer, so
 * these find faults that let forbidden actions through (an invite into a DM's fixed membership,
 * a rejoin, a banned user's message), which no plausible sequence reaches.
 */
export function wildMembershipActions(
  out: Action[],
  kinds: ReadonlySet<ExplorableKind>,
  user: UserId,
  room: RoomId,
  view: LocalView,
  users: ReadonlyArray<UserId>,
): void {
  if (kinds.has("join")) out.push({ kind: "join", user, room });
  if (kinds.has("leave")) out.push({ kind: "leave", user, room });
  if (kinds.has("knock")) out.push({ kind: "knock", user, room });
  for (const target of users) {
    if (target === user) continue;
    if (kinds.has("invite")) out.push({ kind: "invite", user, room, target });
    if (kinds.has("kick")) out.push({ kind: "kick", user, room, target });
    if (kinds.has("ban")) out.push({ kind: "ban", user, room, target });
    if (kinds.has("unban")) out.push({ kind: "unban", user, room, target });
  }
  // A joined user's message comes with the room setting actions.
  if (
    kinds.has("send-message") &&
    view.replica !== undefined &&
    membershipOf(view.replica.state, user) !== "join"
  )
    out.push({ kind: "send-message", user, room, body: "m" });
}

/** The actions a joined `user` may try on `room`'s messages and settings. */
export function roomSettingActions(
  out: Action[],
  kinds: ReadonlySet<ExplorableKind>,
  user: UserId,
  room: RoomId,
  replica: Replica,
  users: ReadonlyArray<UserId>,
  profile: Profile,
): void {
  const state = replica.state;
  if (kinds.has("send-message")) out.push({ kind: "send-message", user, room, body: "m" });
  if (kinds.has("set-name")) out.push({ kind: "set-name", user, room, name: "n" });
  if (kinds.has("set-join-rule"))
    out.push({
      kind: "set-join-rule",
      user,
      room,
      joinRule: effectiveJoinRule(state, profile) === "public" ? "invite" : "public",
    });
  if (kinds.has("set-history-visibility"))
    out.push({
      kind: "set-history-visibility",
      user,
      room,
      visibility: state.historyVisibility === "joined" ? "shared" : "joined",
    });
  if (kinds.has("set-power-levels")) {
    // Raise one other member to the moderator level, keeping every other level as it is.
    const current = state.powerLevels;
    const currentUsers = (current?.users ?? { [state.creator]: 100 }) as JsonObject;
    for (const target of users)
      if (target !== user && membershipOf(state, target) === "join" && userLevel(state, target, profile) < 50)
        out.push({
          kind: "set-power-levels",
          user,
          room,
          content: { ...current, users: { ...currentUsers, [target]: 50 } },
        });
  }
  if (kinds.has("redact"))
    for (const event of historyOf(replica))
      if (event.type === EVENT_TYPES.encrypted && !phas(state.redacted, event.event_id))
        out.push({ kind: "redact", user, room, eventId: event.event_id });
  if (kinds.has("mls-propose")) {
    out.push({ kind: "mls-propose", user, room, proposal: "update" });
    out.push({ kind: "mls-propose", user, room, proposal: "self-remove" });
    for (const target of users) {
      if (target === user) continue;
      const theirs = membershipOf(state, target);
      if (theirs === "join") out.push({ kind: "mls-propose", user, room, proposal: "remove", target });
      else if (theirs !== "ban") out.push({ kind: "mls-propose", user, room, proposal: "add", target });
    }
  }
  if (kinds.has("propose-mls-acp") && state.chatType !== undefined) {
    const inForce = mlsAcpInForce(state);
    for (const template of templatesFor(state.chatType))
      if (template !== inForce) out.push({ kind: "propose-mls-acp", user, room, template });
  }
}

function userActions(out: Action[], world: World, scope: ResolvedExploreScope): void {
  const { kinds, users } = scope;
  const profile = world.config.profile;
  const roomsOn = new Map<ServerName, number>();
  for (const hub of world.rooms.values()) roomsOn.set(hub, (roomsOn.get(hub) ?? 0) + 1);
  const mayCreate = kinds.has("create-room") && world.rooms.size < scope.scope.maxRooms;
  for (const user of users) {
    const serverName = scope.serverOfUser.get(user) as ServerName;
    const server = serverState(world, serverName);
    if (mayCreate) {
      const room = scopeRoomId(serverName, (roomsOn.get(serverName) ?? 0) + 1);
      const others = users.filter((u) => u !== user);
      for (const chatType of scope.scope.chatTypes)
        for (const invite of inviteLists(chatType, others))
          out.push({
            kind: "create-room",
            user,
            room,
            chatType,
            ...(invite.length === 0 ? {} : { invite }),
          });
    }
    if (kinds.has("set-profile") && server?.persisted.profiles.get(user)?.name === undefined)
      out.push({ kind: "set-profile", user, name: "N" });
    if (kinds.has("set-setting"))
      for (const setting of userSettings)
        out.push({
          kind: "set-setting",
          user,
          setting,
          value: server?.persisted.profiles.get(user)?.settings[setting] !== true,
        });
    if (server === undefined) continue;
    for (const room of world.rooms.keys()) {
      const replica = server.persisted.rooms.get(room);
      const invited = server.persisted.invites.has(inviteKey(room, user));
      if (replica === undefined && !invited) continue;
      if (scope.scope.wild === true)
        wildMembershipActions(out, kinds, user, room, { replica, invited }, users);
      else membershipActions(out, kinds, user, room, { replica, invited }, users, profile);
      if (replica !== undefined && membershipOf(replica.state, user) === "join")
        roomSettingActions(out, kinds, user, room, replica, users, profile);
    }
  }
  if (kinds.has("set-server-setting"))
    for (const server of scope.servers)
      for (const setting of hubSettings)
        out.push({
          kind: "set-server-setting",
          server,
          setting,
          value: serverState(world, server)?.persisted.settings[setting] !== true,
        });
}

function networkActions(out: Action[], world: World, scope: ResolvedExploreScope, room: boolean): void {
  const { kinds } = scope;
  for (const { id } of world.inFlight) {
    if (kinds.has("deliver")) out.push({ kind: "deliver", message: id });
    if (kinds.has("drop")) out.push({ kind: "drop", message: id });
    if (kinds.has("duplicate") && room) out.push({ kind: "duplicate", message: id });
  }
  if (kinds.has("flush") && world.inFlight.length > 0) out.push({ kind: "flush" });
  for (const name of scope.servers) {
    const server = serverState(world, name);
    if (server === undefined) continue;
    if (kinds.has("retry") && room)
      for (const txn of server.volatile.pending.keys()) {
        // A retry is what a server does when the submission or its answer went missing.
        const inFlight = world.inFlight.some(
          ({ message: m }) => m.kind === "submit" && m.from === name && m.txn === txn,
        );
        if (!inFlight) out.push({ kind: "retry", server: name, txn });
      }
    if (kinds.has("sync") && room)
      for (const [roomId, replica] of server.persisted.rooms)
        if (replica.hub !== name) out.push({ kind: "sync", server: name, room: roomId });
    if (kinds.has("restart") && (server.volatile.pending.size > 0 || server.volatile.buffered.size > 0))
      out.push({ kind: "restart", server: name });
  }
}

/**
 * Every action the exploration tries from `world`, in a fixed order (users in scope order, then
 * the network, then servers). Users act only while fewer than `maxInFlight` messages are in
 * flight, which (with the depth) bounds the network.
 */
export function enabledActions(world: World, scope: ResolvedExploreScope): Action[] {
  const out: Action[] = [];
  const room = world.inFlight.length < scope.scope.maxInFlight;
  if (room) userActions(out, world, scope);
  networkActions(out, world, scope, room);
  return out;
}
