/**
 * Fan-out (LM §2.9 item 6, RP-00): after the hub appends an event it sends it to every server
 * with at least one joined user; to the server of a kicked or banned user; a whole history to a
 * server whose first user just joined (the send_join answer; redacted where none of that server's
 * users may see an event, by the history visibility); and an invite, with a summary of
 * the room, to the server of an invited user that is not in the room.
 *
 * @module
 */
import { type ServerName, type UserId, userIdParts } from "@mimi-spec/schema";
import { contentString, EVENT_TYPES, type FullEvent } from "../event.ts";
import { effectiveJoinRule } from "../policy/membership.ts";
import type { RoomSummary } from "../server/server.ts";
import { pentries, phas } from "../state/persistent-map.ts";
import { historyOf, type Replica } from "../state/replica.ts";
import { joinedOn, membershipValue, type RoomState, stateEvent } from "../state/room-state.ts";
import type { Draft } from "../step/draft.ts";
import { historyFor } from "../visibility/history.ts";
import type { Person, PreviewInputs } from "../visibility/preview.ts";

/** What an invitee's server learns about a room (LM stripped state). */
export function roomSummary(draft: Draft, state: RoomState): RoomSummary {
  const nameEvent = stateEvent(state, EVENT_TYPES.name, "");
  const name = nameEvent === undefined ? undefined : contentString(nameEvent, "name");
  return {
    creator: state.creator,
    ...(state.chatType === undefined ? {} : { chatType: state.chatType }),
    ...(state.fixedMembers === undefined ? {} : { members: state.fixedMembers }),
    ...(name === undefined ? {} : { name }),
    joinRule: effectiveJoinRule(state, draft.profile),
  };
}

/**
 * A user as the preview sees them: their profile and sharing settings, read from their own
 * server. (A shortcut for the profile data servers publish; the preview function decides what
 * of it an invitee may see.)
 */
export function personOf(draft: Draft, user: UserId): Person {
  const profile = draft.server(userIdParts(user).server).persisted.profiles.get(user);
  return { userId: user, ...profile, settings: profile?.settings ?? {} };
}

/** What the preview of an invite to `invitee` is made from. */
export function previewInputsFor(
  draft: Draft,
  after: Replica,
  event: FullEvent,
  invitee: UserId,
): PreviewInputs | undefined {
  const state = after.state;
  if (state.chatType === undefined) return undefined;
  // A DM's or group DM's members are fixed at creation, so its invitees see all of them, even
  // those whose invites the creation batch has not sent yet (SHARING-7).
  const members = (
    state.fixedMembers !== undefined
      ? state.fixedMembers.filter((user) => !phas(state.everLeft, user))
      : pentries(state.memberships)
          .filter(([, m]) => m === "join" || m === "invite")
          .map(([user]) => user)
  )
    .filter((user) => user !== invitee)
    .sort();
  const nameEvent = stateEvent(state, EVENT_TYPES.name, "");
  const roomName = nameEvent === undefined ? undefined : contentString(nameEvent, "name");
  // Only DMs carry a first message, and DMs are two users: finding it costs next to nothing.
  const first =
    state.chatType === "dm"
      ? historyOf(after).find((e) => e.type === EVENT_TYPES.encrypted && e.sender === event.sender)
      : undefined;
  const firstMessage = first === undefined ? undefined : contentString(first, "ciphertext");
  return {
    chatType: state.chatType,
    inviter: personOf(draft, event.sender),
    invitee: personOf(draft, invitee),
    hubSettings: draft.server(after.hub).persisted.settings,
    members: members.map((m) => personOf(draft, m)),
    ...(roomName === undefined ? {} : { roomName }),
    ...(firstMessage === undefined ? {} : { firstMessage }),
  };
}

/** Sends `event` (just appended: `after` is the hub's replica with it) to everyone who needs it. */
export function fanOut(draft: Draft, before: RoomState, after: Replica, event: FullEvent): void {
  const hub = after.hub;
  const targets = new Map<ServerName, "event" | "history">();
  for (const [server, count] of pentries(after.state.joinedPerServer))
    if (count > 0 && server !== hub) targets.set(server, joinedOn(before, server) > 0 ? "event" : "history");
  let invitee: ServerName | undefined;
  if (event.type === EVENT_TYPES.member && event.state_key !== undefined) {
    const targetServer = userIdParts(event.state_key as UserId).server;
    const membership = membershipValue(event.content);
    if (targetServer !== hub && !targets.has(targetServer)) {
      if (membership === "leave" || membership === "ban") targets.set(targetServer, "event");
      if (membership === "invite") invitee = targetServer;
    }
  }
  for (const server of [...targets.keys()].sort()) {
    if (targets.get(server) === "history")
      draft.send({
        kind: "history",
        from: hub,
        to: server,
        room: after.roomId,
        events: historyFor(historyOf(after), server, 0, draft.profile),
      });
    else draft.send({ kind: "event", from: hub, to: server, room: after.roomId, event });
  }
  const previewInputs =
    invitee === undefined ? undefined : previewInputsFor(draft, after, event, event.state_key as UserId);
  if (invitee !== undefined && previewInputs !== undefined)
    draft.send({
      kind: "invite",
      from: hub,
      to: invitee,
      room: after.roomId,
      event,
      summary: roomSummary(draft, after.state),
      previewInputs,
    });
}
