/**
 * A follower's side: it takes fully-formed events only from the room's hub, applies them in hub
 * order (buffering an event that arrives before its predecessor, ignoring one it already has),
 * and checks each one again; an event it refuses is a finding against the hub, never applied.
 * Also: invites, transaction results and backfill requests.
 *
 * @module
 */
import { roomIdParts, type ServerName, type UserId, userIdParts } from "@mimi-spec/schema";
import { EVENT_TYPES, type FullEvent } from "../event.ts";
import type { BackfillMessage, InviteMessage, ResultMessage } from "../network/messages.ts";
import { authorize, authorizeCreate, checkSignatures } from "../policy/authorize.ts";
import { ACCEPTED, check } from "../policy/guard.ts";
import { optionIs } from "../profile.ts";
import { storeReplica } from "../server/apply.ts";
import { withDirectoryEntry } from "../server/directory.ts";
import { inviteKey, type ServerState } from "../server/server.ts";
import {
  appendToReplica,
  eventById,
  historyOf,
  positionOf,
  type Replica,
  replicaFromCreate,
} from "../state/replica.ts";
import { membershipValue } from "../state/room-state.ts";
import type { Draft } from "../step/draft.ts";
import type { Rejected, Verdict } from "../verdict.ts";
import { historyFor } from "../visibility/history.ts";
import { previewFor } from "../visibility/preview.ts";

/** The hub a server believes a room has: its replica's, else the room ID's server (SIG-ID-4). */
function hubOf(server: ServerState, room: FullEvent["room_id"]): ServerName {
  return server.persisted.rooms.get(room)?.hub ?? roomIdParts(room).server;
}

/** Whether `from` may send this server fully-formed events of `room` (only the hub may). */
function fromHub(
  draft: Draft,
  serverName: ServerName,
  from: ServerName,
  room: FullEvent["room_id"],
): Rejected | undefined {
  const hub = hubOf(draft.server(serverName), room);
  return check(draft.ctx, "follower.from-hub", from === hub, () => ({ origin: from, room, hub }));
}

/** The follower's own check of an event from its hub: the whole policy, or only signatures under `hub-only`. */
function recheck(draft: Draft, replica: Replica | undefined, event: FullEvent): Verdict {
  if (replica === undefined) return authorizeCreate(draft.ctx, event);
  if (optionIs(draft.profile, "mgmt.enforcement", "hub-only"))
    return checkSignatures(draft.ctx, event) ?? ACCEPTED;
  return authorize(draft.ctx, { state: replica.state, eventById: (id) => eventById(replica, id) }, event);
}

function misbehaviour(draft: Draft, serverName: ServerName, event: FullEvent, verdict: Rejected): Rejected {
  draft.finding({
    kind: "hub-misbehaviour",
    server: serverName,
    room: event.room_id,
    eventId: event.event_id,
    guard: verdict.guard,
    requirements: verdict.requirements,
    reason: verdict.reason,
  });
  return verdict;
}

function withBuffer(
  server: ServerState,
  room: FullEvent["room_id"],
  events: ReadonlyArray<FullEvent>,
): ServerState {
  const buffered = new Map(server.volatile.buffered);
  if (events.length === 0) buffered.delete(room);
  else buffered.set(room, events);
  return { ...server, volatile: { ...server.volatile, buffered } };
}

function buffer(draft: Draft, serverName: ServerName, event: FullEvent): Verdict {
  const server = draft.server(serverName);
  const current = server.volatile.buffered.get(event.room_id) ?? [];
  if (!current.some((e) => e.event_id === event.event_id))
    draft.setServer(withBuffer(server, event.room_id, [...current, event]));
  draft.note(() => `${serverName} buffered ${event.event_id}: it does not hold the event it follows yet`);
  return ACCEPTED;
}

/** An event about a local user's invite, for a room the server does not hold: update the invite record. */
function inviteUpdate(draft: Draft, serverName: ServerName, event: FullEvent): boolean {
  if (event.type !== EVENT_TYPES.member || event.state_key === undefined) return false;
  const user = event.state_key as UserId;
  if (userIdParts(user).server !== serverName) return false;
  const server = draft.server(serverName);
  const key = inviteKey(event.room_id, user);
  if (!server.persisted.invites.has(key)) return false;
  if (membershipValue(event.content) !== "invite") {
    const invites = new Map(server.persisted.invites);
    invites.delete(key);
    draft.setServer({ ...server, persisted: { ...server.persisted, invites } });
    draft.note(() => `${serverName}: the invite of ${user} to ${event.room_id} is withdrawn`);
  }
  return true;
}

/** Applies one event from the hub (known to come from it); `appended` says whether it entered the replica. */
function applyOne(
  draft: Draft,
  serverName: ServerName,
  event: FullEvent,
): { verdict: Verdict; appended: boolean } {
  const server = draft.server(serverName);
  const replica = server.persisted.rooms.get(event.room_id);
  if (replica === undefined) {
    if (event.type !== EVENT_TYPES.create || event.prev_events.length > 0) {
      if (inviteUpdate(draft, serverName, event)) return { verdict: ACCEPTED, appended: false };
      return { verdict: buffer(draft, serverName, event), appended: false };
    }
    const verdict = recheck(draft, undefined, event);
    if (!verdict.accepted)
      return { verdict: misbehaviour(draft, serverName, event, verdict), appended: false };
    draft.setServer(storeReplica(server, replicaFromCreate(event, roomIdParts(event.room_id).server), event));
    draft.note(() => `${serverName} now holds ${event.room_id}`);
    return { verdict: ACCEPTED, appended: true };
  }
  if (positionOf(replica, event.event_id) !== undefined) {
    draft.note(() => `${serverName} already has ${event.event_id}: ignored`);
    return { verdict: ACCEPTED, appended: false };
  }
  const prev = event.prev_events[0];
  const head = replica.state.head.event_id;
  if (event.prev_events.length !== 1 || (prev !== head && positionOf(replica, prev ?? "") !== undefined)) {
    const detail =
      event.prev_events.length !== 1
        ? `it names ${event.prev_events.length} previous events, a hub-formed event names exactly one`
        : `it follows ${prev}, which already has a successor: the hub forked the history`;
    const refused = check(draft.ctx, "hub.append-at-head", false, () => ({
      eventId: event.event_id,
      head,
      detail,
    }));
    return { verdict: misbehaviour(draft, serverName, event, refused as Rejected), appended: false };
  }
  if (prev !== head) return { verdict: buffer(draft, serverName, event), appended: false };
  draft.ctx.observe?.("hub.append-at-head", "pass");
  const verdict = recheck(draft, replica, event);
  if (!verdict.accepted) return { verdict: misbehaviour(draft, serverName, event, verdict), appended: false };
  const after = appendToReplica(replica, event);
  draft.setServer(storeReplica(server, after, event));
  draft.note(() => `${serverName} applied ${event.event_id} at position ${after.state.length - 1}`);
  return { verdict: ACCEPTED, appended: true };
}

/**
 * Applies one event from the hub, then every buffered event that now follows the head (a loop,
 * not recursion, so a long run of early arrivals cannot overflow the stack).
 */
function applyFromHub(draft: Draft, serverName: ServerName, event: FullEvent): Verdict {
  const first = applyOne(draft, serverName, event);
  if (!first.appended) return first.verdict;
  let head = event;
  for (;;) {
    const server = draft.server(serverName);
    const buffered = server.volatile.buffered.get(head.room_id) ?? [];
    const next = buffered.find((e) => e.prev_events[0] === head.event_id);
    if (next === undefined) return first.verdict;
    draft.setServer(
      withBuffer(
        server,
        head.room_id,
        buffered.filter((e) => e !== next),
      ),
    );
    if (!applyOne(draft, serverName, next).appended) return first.verdict;
    head = next;
  }
}

/** A fully-formed event arrives at a follower. */
export function receiveEvent(
  draft: Draft,
  serverName: ServerName,
  from: ServerName,
  event: FullEvent,
): Verdict {
  return fromHub(draft, serverName, from, event.room_id) ?? applyFromHub(draft, serverName, event);
}

/** A run of events arrives (after a join, or answering a backfill): each is applied in order. */
export function receiveHistory(
  draft: Draft,
  serverName: ServerName,
  from: ServerName,
  room: FullEvent["room_id"],
  events: ReadonlyArray<FullEvent>,
): Verdict {
  const refused = fromHub(draft, serverName, from, room);
  if (refused !== undefined) return refused;
  for (const event of events) {
    const verdict = applyFromHub(draft, serverName, event);
    if (!verdict.accepted) return verdict;
  }
  return ACCEPTED;
}

/** An invite for a local user arrives: remember it, and the DM or group DM it is for. */
export function receiveInvite(draft: Draft, serverName: ServerName, message: InviteMessage): Verdict {
  const refused = fromHub(draft, serverName, message.from, message.room);
  if (refused !== undefined) return refused;
  const user = message.event.state_key as UserId;
  const server = draft.server(serverName);
  const invites = new Map(server.persisted.invites);
  // The invitee's own settings are the ones this server holds, whatever the hub thought.
  const local = server.persisted.profiles.get(user);
  const previewInputs = {
    ...message.previewInputs,
    invitee: { userId: user, ...local, settings: local?.settings ?? {} },
  };
  invites.set(inviteKey(message.room, user), {
    room: message.room,
    user,
    event: message.event,
    summary: message.summary,
    previewInputs,
    preview: previewFor(previewInputs, draft.profile),
  });
  const { chatType, members } = message.summary;
  const directory =
    chatType !== undefined && members !== undefined && !server.persisted.directory.entries.has(message.room)
      ? withDirectoryEntry(server.persisted.directory, message.room, { chatType, members, reduced: false })
      : server.persisted.directory;
  draft.setServer({ ...server, persisted: { ...server.persisted, invites, directory } });
  draft.note(() => `${serverName} recorded the invite of ${user} to ${message.room}`);
  return ACCEPTED;
}

/** The hub's answer to a transaction arrives at its origin. */
export function receiveResult(draft: Draft, serverName: ServerName, message: ResultMessage): Verdict {
  const server = draft.server(serverName);
  if (!server.volatile.pending.has(message.txn)) {
    draft.note(() => `${serverName} has no pending txn ${message.txn}: result ignored`);
    return ACCEPTED;
  }
  const pending = new Map(server.volatile.pending);
  pending.delete(message.txn);
  draft.setServer({ ...server, volatile: { ...server.volatile, pending } });
  const v = message.verdict;
  draft.note(
    () =>
      `${serverName} txn ${message.txn}: ${v.accepted ? `accepted as ${message.eventId}` : `rejected by ${v.guard}: ${v.reason}`}`,
  );
  return ACCEPTED;
}

/**
 * A backfill request arrives at the hub: it answers with the events after `after`, redacted where
 * none of the requesting server's users may see them (POL-00).
 */
export function receiveBackfill(draft: Draft, hubName: ServerName, message: BackfillMessage): Verdict {
  const replica = draft.server(hubName).persisted.rooms.get(message.room);
  const known = check(draft.ctx, "hub.room-known", replica !== undefined && replica.hub === hubName, () => ({
    server: hubName,
    room: message.room,
  }));
  if (known !== undefined || replica === undefined) return known ?? ACCEPTED;
  draft.send({
    kind: "history",
    from: hubName,
    to: message.from,
    room: message.room,
    events: historyFor(historyOf(replica), message.from, message.after, draft.profile),
  });
  return ACCEPTED;
}
