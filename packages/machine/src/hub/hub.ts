/**
 * The hub's side of the send path: it takes a limited event (from one of its own users, or from
 * a follower server in a transaction), checks that it is the hub and that the event is limited,
 * processes each transaction once, forms the event, runs the policy, asks the invitee's server
 * about an invite (check-invite), appends it at the head and fans it out, and answers the follower.
 *
 * @module
 */
import { roomIdParts, type ServerName, type UserId, userIdParts } from "@mimi-spec/schema";
import { EVENT_TYPES, type EventId, type FullEvent, isFullyFormed, type LimitedEvent } from "../event.ts";
import { authorize, checkSignatures } from "../policy/authorize.ts";
import { ACCEPTED, check, guardEnabled } from "../policy/guard.ts";
import { checkServerNames } from "../policy/server-names.ts";
import { storeReplica } from "../server/apply.ts";
import { pget, pset } from "../state/persistent-map.ts";
import { appendToReplica, eventById, type Replica } from "../state/replica.ts";
import { membershipValue } from "../state/room-state.ts";
import type { Draft } from "../step/draft.ts";
import type { Verdict } from "../verdict.ts";
import { fanOut } from "./fanout.ts";
import { formEvent } from "./form.ts";

/** The hub's verdict on a submission, and the ID of the event it appended. */
export interface HubOutcome {
  readonly verdict: Verdict;
  readonly eventId?: EventId;
}

/** The policy's verdict on `event` after the hub's copy of the room. */
export function authorizeAtHub(draft: Draft, replica: Replica, event: FullEvent): Verdict {
  return authorize(draft.ctx, { state: replica.state, eventById: (id) => eventById(replica, id) }, event);
}

/** Appends an authorized event at the hub and fans it out. */
export function appendAtHub(draft: Draft, replica: Replica, event: FullEvent): Replica {
  const after = appendToReplica(replica, event);
  draft.setServer(storeReplica(draft.server(replica.hub), after, event));
  draft.note(
    () =>
      `${replica.hub} appended ${event.event_id} (${event.type}) at position ${after.state.length - 1} of ${replica.roomId}`,
  );
  fanOut(draft, replica.state, after, event);
  return after;
}

/**
 * The check-invite round trip (RP-00; LM's /invite): before an invite enters the room the hub asks
 * the invitee's server, which refuses when its user turned `refuse-invites` on (MSGREQ-1). The hub
 * waits for the answer, so the exchange is one atomic step of the model.
 */
export function checkInvite(draft: Draft, event: FullEvent): Verdict {
  if (event.type !== EVENT_TYPES.member || event.state_key === undefined) return ACCEPTED;
  if (membershipValue(event.content) !== "invite" || !guardEnabled(draft.ctx, "invite.target-may-refuse"))
    return ACCEPTED;
  const target = event.state_key as UserId;
  const server = userIdParts(target).server;
  const refuses = draft.server(server).persisted.profiles.get(target)?.settings["refuse-invites"] === true;
  return (
    check(draft.ctx, "invite.target-may-refuse", !refuses, () => ({
      server,
      target,
      sender: event.sender,
      detail: `${target} refuses every invite (the refuse-invites setting)`,
    })) ?? ACCEPTED
  );
}

/** Forms, authorizes and (when accepted) appends an event at the hub. */
export function processAtHub(
  draft: Draft,
  replica: Replica,
  limited: LimitedEvent,
  hubOriginated: boolean,
): HubOutcome {
  // A name the profile does not accept makes the event invalid, before any signature matters.
  const badName = checkServerNames(draft.ctx, limited);
  if (badName !== undefined) return { verdict: badName };
  // LM receive checks: the sender's server must have signed the limited event itself, before
  // the hub adds its own signature (which would otherwise stand in for it when the sender is a
  // user of the hub's server).
  const unsigned = checkSignatures(draft.ctx, limited, "lpdu");
  if (unsigned !== undefined) return { verdict: unsigned };
  const event = formEvent(draft, replica, limited, hubOriginated);
  const verdict = authorizeAtHub(draft, replica, event);
  if (!verdict.accepted) return { verdict };
  const invite = checkInvite(draft, event);
  if (!invite.accepted) return { verdict: invite };
  appendAtHub(draft, replica, event);
  return { verdict: ACCEPTED, eventId: event.event_id };
}

/**
 * What server `hubName` does with an event `origin` submitted (`txn` is absent when the event
 * comes from one of the hub's own users). A remote origin gets the result as a message.
 */
export function hubReceive(
  draft: Draft,
  hubName: ServerName,
  origin: ServerName,
  txn: string | undefined,
  incoming: LimitedEvent | FullEvent,
): HubOutcome {
  const room = incoming.room_id;
  const server = draft.server(hubName);
  const replica = server.persisted.rooms.get(room);
  const hub = replica?.hub ?? roomIdParts(room).server;
  const values = () => ({
    server: hubName,
    room,
    hub,
    origin,
    eventId: isFullyFormed(incoming) ? incoming.event_id : undefined,
  });
  const answer = (outcome: HubOutcome): HubOutcome => {
    if (txn !== undefined && origin !== hubName) {
      const current = draft.server(hubName);
      const results = pset(current.persisted.txnResults, `${origin} ${txn}`, outcome);
      draft.setServer({ ...current, persisted: { ...current.persisted, txnResults: results } });
      draft.send({
        kind: "result",
        from: hubName,
        to: origin,
        room,
        txn,
        verdict: outcome.verdict,
        ...(outcome.eventId === undefined ? {} : { eventId: outcome.eventId }),
      });
    }
    return outcome;
  };
  const isHub = check(draft.ctx, "hub.is-hub", hub === hubName, values);
  if (isHub !== undefined) return answer({ verdict: isHub });
  const known = check(draft.ctx, "hub.room-known", replica !== undefined, values);
  if (known !== undefined || replica === undefined) return answer({ verdict: known ?? ACCEPTED });
  const limitedOnly = check(draft.ctx, "hub.accept-limited-event", !isFullyFormed(incoming), values);
  if (limitedOnly !== undefined) return answer({ verdict: limitedOnly });
  if (txn !== undefined) {
    const seen = pget(server.persisted.txnResults, `${origin} ${txn}`);
    if (seen !== undefined) {
      draft.note(
        () => `${hubName} already processed txn ${txn} of ${origin}: answered again, not reprocessed`,
      );
      draft.send({
        kind: "result",
        from: hubName,
        to: origin,
        room,
        txn,
        verdict: seen.verdict,
        ...(seen.eventId === undefined ? {} : { eventId: seen.eventId }),
      });
      return seen;
    }
  }
  return answer(
    processAtHub(draft, replica, incoming as LimitedEvent, origin === hubName && txn === undefined),
  );
}
