/**
 * The transition function: applies one action to a world. User actions go from the user's
 * server to the hub; network actions move messages; adversarial actions send forged input that
 * the receiving server must refuse. In `instant` mode each step also delivers everything it
 * sent, and a refused user action leaves the world exactly as it was.
 *
 * @module
 */
import { roomIdParts, type ServerName } from "@mimi-spec/schema";
import type { Action, ForgeFullyFormed, ForgeLimited, HubTamper, UserAction } from "../action.ts";
import type { FullEvent, LimitedEvent } from "../event.ts";
import { formEvent } from "../hub/form.ts";
import { hubReceive } from "../hub/hub.ts";
import type { Message } from "../network/messages.ts";
import { selectAuthEvents } from "../policy/auth-selection.ts";
import { ACCEPTED, check, type GuardObserver } from "../policy/guard.ts";
import { restarted } from "../server/server.ts";
import { pentries } from "../state/persistent-map.ts";
import type { Verdict } from "../verdict.ts";
import type { World } from "../world.ts";
import { eventSpecOf, limitedEvent, serverOf } from "./build.ts";
import { createRoom } from "./create-room.ts";
import { deliverEnvelope, drain } from "./deliver.ts";
import { Draft } from "./draft.ts";

/** How to run a step. */
export interface StepOptions {
  /** Collect human-readable effect lines (for traces and the CLI). */
  readonly explain?: boolean;
  /** Sees every guard evaluation (for coverage). */
  readonly observe?: GuardObserver;
}

/** A world after a step, the step's verdict, and (when explaining) what happened. */
export interface StepResult {
  readonly world: World;
  readonly verdict: Verdict;
  readonly effects: ReadonlyArray<string>;
}

/** Sends a submission from `origin` in a new transaction; returns the message id. */
function submit(draft: Draft, origin: ServerName, to: ServerName, event: LimitedEvent | FullEvent): number {
  const server = draft.server(origin);
  const txn = `t${server.persisted.txnCounter + 1}`;
  const pending = new Map(server.volatile.pending);
  pending.set(txn, { txn, room: event.room_id, to, event });
  draft.setServer({
    ...server,
    persisted: { ...server.persisted, txnCounter: server.persisted.txnCounter + 1 },
    volatile: { ...server.volatile, pending },
  });
  return draft.send({ kind: "submit", from: origin, to, room: event.room_id, txn, event });
}

/** In `instant` mode, delivers everything and returns the verdict on message `id`. */
function settle(draft: Draft, id: number): Verdict {
  if (draft.base.config.delivery !== "instant") return ACCEPTED;
  return drain(draft).get(id) ?? ACCEPTED;
}

/**
 * Hands a submission from `origin` to server `to`: on `to`'s own server straight to its receive
 * path (a transaction would wait for an answer a server never sends itself), else in a new
 * transaction.
 */
function submitTo(
  draft: Draft,
  origin: ServerName,
  to: ServerName,
  event: LimitedEvent | FullEvent,
): Verdict {
  if (origin === to) return hubReceive(draft, to, origin, undefined, event).verdict;
  return settle(draft, submit(draft, origin, to, event));
}

/**
 * LM allows one transaction in flight per sender: while `origin` waits for the hub's answer to
 * one (a retry reuses it), it starts no other. The hub finishes each transaction before the next
 * message arrives, so the sender is where the rule can be broken.
 */
function oneTxnInFlight(draft: Draft, origin: ServerName, hub: ServerName): Verdict {
  let waiting: string | undefined;
  for (const pending of draft.server(origin).volatile.pending.values())
    if (pending.to === hub) waiting ??= pending.txn;
  return (
    check(draft.ctx, "send.one-txn-in-flight", waiting === undefined, () => ({
      server: origin,
      hub,
      value: waiting,
    })) ?? ACCEPTED
  );
}

function userAction(draft: Draft, action: Exclude<UserAction, { kind: "create-room" }>): Verdict {
  const origin = serverOf(action.user);
  const hub = roomIdParts(action.room).server;
  const limited = limitedEvent(eventSpecOf(action), action.room, origin, draft.tick(), draft.profile);
  // LM's one-transaction rule binds a follower; the hub's own users need no transaction.
  if (origin !== hub) {
    const inFlight = oneTxnInFlight(draft, origin, hub);
    if (!inFlight.accepted) return inFlight;
  }
  return submitTo(draft, origin, hub, limited);
}

function forgeLimited(draft: Draft, action: ForgeLimited): Verdict {
  const to = action.to ?? roomIdParts(action.room).server;
  const limited = limitedEvent(action.event, action.room, action.server, draft.tick(), draft.profile);
  return submitTo(draft, action.server, to, limited);
}

function forgeFullyFormed(draft: Draft, action: ForgeFullyFormed): Verdict {
  const replica = draft.server(action.server).persisted.rooms.get(action.room);
  const limited = limitedEvent(action.event, action.room, action.server, draft.tick(), draft.profile);
  const { signedBy, ...fields } = limited;
  const auth_events = replica === undefined ? [] : selectAuthEvents(replica.state, fields, draft.profile);
  const prev_events = replica === undefined ? [] : [replica.state.head.event_id];
  const event: FullEvent = {
    ...fields,
    event_id: draft.eventId({ ...fields, auth_events, prev_events }),
    auth_events,
    prev_events,
    signedBy,
  };
  const hub = replica?.hub ?? roomIdParts(action.room).server;
  if (action.to === hub) return submitTo(draft, action.server, hub, event);
  const message: Message = { kind: "event", from: action.server, to: action.to, room: action.room, event };
  return settle(draft, draft.send(message));
}

function hubTamper(draft: Draft, action: HubTamper): Verdict {
  const hub = roomIdParts(action.room).server;
  const replica = draft.server(hub).persisted.rooms.get(action.room);
  const known = check(draft.ctx, "hub.room-known", replica !== undefined, () => ({
    server: hub,
    room: action.room,
  }));
  if (known !== undefined || replica === undefined) return known ?? ACCEPTED;
  const limited = limitedEvent(
    action.event,
    action.room,
    serverOf(action.event.sender),
    draft.tick(),
    draft.profile,
  );
  const formed = formEvent(draft, replica, { ...limited, signedBy: [...limited.signedBy, hub] }, false);
  const history = replica.history;
  const beforeHead = history.length >= 2 ? history.store.items[history.length - 2] : undefined;
  const target = action.authEvent ?? "$missing";
  const event: FullEvent =
    action.tamper === "add-auth-event"
      ? { ...formed, auth_events: [...formed.auth_events, target] }
      : action.tamper === "remove-auth-event"
        ? { ...formed, auth_events: formed.auth_events.filter((id) => id !== target) }
        : action.tamper === "fork" && beforeHead !== undefined
          ? { ...formed, prev_events: [beforeHead.event_id] }
          : formed;
  draft.note(() => `${hub} misbehaves (${action.tamper}): fans out ${event.event_id} without appending it`);
  const ids: number[] = [];
  for (const [server, count] of pentries(replica.state.joinedPerServer).sort(([a], [b]) =>
    a.localeCompare(b),
  ))
    if (count > 0 && server !== hub)
      ids.push(draft.send({ kind: "event", from: hub, to: server, room: action.room, event }));
  if (draft.base.config.delivery !== "instant") return ACCEPTED;
  const verdicts = drain(draft);
  for (const id of ids) {
    const v = verdicts.get(id);
    if (v !== undefined && !v.accepted) return v;
  }
  return ACCEPTED;
}

/** Applies `action` to `world`. */
export function step(world: World, action: Action, options: StepOptions = {}): StepResult {
  const draft = new Draft(world, options.explain ?? false, options.observe);
  const done = (verdict: Verdict): StepResult => ({ world: draft.finish(), verdict, effects: draft.effects });
  const refusedUnchanged = (verdict: Verdict): StepResult => ({ world, verdict, effects: draft.effects });
  const instant = world.config.delivery === "instant";
  switch (action.kind) {
    case "create-room": {
      const verdict = createRoom(draft, action);
      if (!verdict.accepted) return refusedUnchanged(verdict);
      if (instant) drain(draft);
      return done(verdict);
    }
    case "invite":
    case "join":
    case "leave":
    case "knock":
    case "kick":
    case "ban":
    case "unban":
    case "send-message":
    case "set-power-levels":
    case "set-join-rule":
    case "set-history-visibility":
    case "set-name":
    case "redact":
    case "send-event":
    case "mls-propose":
    case "propose-mls-acp": {
      const verdict = userAction(draft, action);
      if (!verdict.accepted) return refusedUnchanged(verdict);
      if (instant) drain(draft);
      return done(verdict);
    }
    case "set-profile": {
      const server = draft.server(serverOf(action.user));
      const { kind: _kind, user: _user, ...fields } = action;
      const old = server.persisted.profiles.get(action.user);
      const profiles = new Map(server.persisted.profiles);
      profiles.set(action.user, { ...old, ...fields, settings: old?.settings ?? {} });
      draft.setServer({ ...server, persisted: { ...server.persisted, profiles } });
      return done(ACCEPTED);
    }
    case "set-setting": {
      const server = draft.server(serverOf(action.user));
      const old = server.persisted.profiles.get(action.user);
      const profiles = new Map(server.persisted.profiles);
      profiles.set(action.user, { ...old, settings: { ...old?.settings, [action.setting]: action.value } });
      draft.setServer({ ...server, persisted: { ...server.persisted, profiles } });
      return done(ACCEPTED);
    }
    case "set-server-setting": {
      const server = draft.server(action.server);
      const settings = { ...server.persisted.settings, [action.setting]: action.value };
      draft.setServer({ ...server, persisted: { ...server.persisted, settings } });
      return done(ACCEPTED);
    }
    case "deliver": {
      const envelope = draft.take(action.message);
      const inFlight = check(draft.ctx, "network.message-in-flight", envelope !== undefined, () => ({
        value: action.message,
      }));
      if (inFlight !== undefined || envelope === undefined) return refusedUnchanged(inFlight ?? ACCEPTED);
      const verdict = deliverEnvelope(draft, envelope);
      if (instant) drain(draft);
      return done(verdict);
    }
    case "drop": {
      const envelope = draft.take(action.message);
      const inFlight = check(draft.ctx, "network.message-in-flight", envelope !== undefined, () => ({
        value: action.message,
      }));
      if (inFlight !== undefined) return refusedUnchanged(inFlight);
      draft.note(() => `the network lost #${action.message}`);
      return done(ACCEPTED);
    }
    case "duplicate": {
      const envelope = draft.messages.find((e) => e.id === action.message);
      const inFlight = check(draft.ctx, "network.message-in-flight", envelope !== undefined, () => ({
        value: action.message,
      }));
      if (inFlight !== undefined || envelope === undefined) return refusedUnchanged(inFlight ?? ACCEPTED);
      draft.send(envelope.message);
      if (instant) drain(draft);
      return done(ACCEPTED);
    }
    case "retry": {
      const pending = draft.server(action.server).volatile.pending.get(action.txn);
      const known = check(draft.ctx, "network.retry-pending", pending !== undefined, () => ({
        server: action.server,
        value: action.txn,
      }));
      if (known !== undefined || pending === undefined) return refusedUnchanged(known ?? ACCEPTED);
      const id = draft.send({
        kind: "submit",
        from: action.server,
        to: pending.to,
        room: pending.room,
        txn: pending.txn,
        event: pending.event,
      });
      return done(settle(draft, id));
    }
    case "flush":
      drain(draft);
      return done(ACCEPTED);
    case "sync": {
      const replica = draft.server(action.server).persisted.rooms.get(action.room);
      const id = draft.send({
        kind: "backfill",
        from: action.server,
        to: replica?.hub ?? roomIdParts(action.room).server,
        room: action.room,
        after: replica?.state.length ?? 0,
      });
      return done(settle(draft, id));
    }
    case "restart":
      draft.setServer(restarted(draft.server(action.server)));
      draft.note(() => `${action.server} restarted: pending transactions and buffered events are gone`);
      return done(ACCEPTED);
    case "forge-limited":
      return done(forgeLimited(draft, action));
    case "forge-fully-formed":
      return done(forgeFullyFormed(draft, action));
    case "hub-tamper":
      return done(hubTamper(draft, action));
  }
}
