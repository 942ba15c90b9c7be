/**
 * The adversarial commands: a server forges a limited event (speaking for another server's user,
 * sending to a follower instead of the hub, a second create event), a server that is not the hub
 * forms an event itself, and a hub tampers with an event it fans out. Honest servers must refuse
 * each one with a reason; the oracles say so (in instant delivery, where the refusal is the
 * step's verdict).
 *
 * Hub tampering is only drawn where honest followers can notice it: under
 * `mgmt.enforcement = hub-and-followers`, with every follower at the hub's head, and only tampers
 * the policy detects (an auth event added, the create event removed, a fork, a sender the rules
 * refuse). A hub that sends a well-formed event without appending it, or forks the history of a
 * follower that is behind, is undetectable by design, and the invariants rightly report the
 * divergence; that is a property of the protocol, not a bug for this checker to rediscover on
 * every run.
 *
 * @module
 */
import { type Action, type ForgedEvent, historyOf, optionIs, pentries, type World } from "@mimi-spec/machine";
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import type { Model } from "../model.ts";
import { scopeServers } from "../scope.ts";
import { ActionCommand, type Disagreement, expectRefused, type Outcome } from "./command.ts";
import { membershipAt, roomsFor, serverPart, targets } from "./world-view.ts";

/** Which event an adversary writes. */
export type ForgedVariant = "message" | "join" | "create" | "name";

/** The event of a variant, sent as `sender`. */
export function forgedEvent(variant: ForgedVariant, sender: UserId): ForgedEvent {
  switch (variant) {
    case "message":
      return { type: "m.room.encrypted", sender, content: { ciphertext: "forged" } };
    case "join":
      return { type: "m.room.member", sender, stateKey: sender, content: { membership: "join" } };
    case "create":
      return {
        type: "m.room.create",
        sender,
        stateKey: "",
        content: { room_version: "org.matrix.i-d.ralston-mimi-linearized-matrix.02" },
      };
    case "name":
      return { type: "m.room.name", sender, stateKey: "", content: { name: "taken over" } };
  }
}

/** The hub a server would believe a room has. */
function hubOf(world: World, room: RoomId): ServerName {
  return world.rooms.get(room) ?? serverPart(room);
}

/** A server sends a limited event as written, to the hub or (wild) to another server. */
export class ForgeLimitedCommand extends ActionCommand {
  readonly kind = "forge-limited";

  constructor(
    pick: number,
    wild: boolean,
    readonly variant: ForgedVariant,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const servers = scopeServers(model.scope);
    const out: Action[] = [];
    for (const room of roomsFor(model, this.wild))
      for (const server of servers)
        for (const sender of targets(model)) {
          const event = forgedEvent(this.variant, sender);
          out.push({ kind: "forge-limited", server, room, event });
          // The hub sending limited events elsewhere is a misbehaving hub (hub-tamper's domain).
          if (this.wild && server !== hubOf(model.world, room))
            for (const to of servers)
              if (to !== hubOf(model.world, room))
                out.push({ kind: "forge-limited", server, room, to, event });
        }
    return out;
  }

  /** A server speaking for another server's user is refused (LM receive rule 1). */
  override oracle(model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "forge-limited" || model.config.delivery !== "instant") return undefined;
    if (serverPart(action.event.sender) === action.server) return undefined;
    return expectRefused(
      outcome.verdict,
      "receive.signatures",
      `${action.server} sent an event in the name of ${action.event.sender}, a user of another server`,
    );
  }
}

/** A server that is not the hub forms an event itself and sends it to the hub or a follower. */
export class ForgeFullyFormedCommand extends ActionCommand {
  readonly kind = "forge-fully-formed";

  constructor(
    pick: number,
    wild: boolean,
    readonly variant: ForgedVariant,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const servers = scopeServers(model.scope);
    const out: Action[] = [];
    for (const room of roomsFor(model, this.wild)) {
      const hub = hubOf(model.world, room);
      for (const server of servers) {
        // The hub forming events is its job: only other servers forge.
        if (server === hub) continue;
        for (const to of servers)
          if (to !== server)
            for (const sender of this.wild
              ? targets(model)
              : model.scope.users.filter((u) => serverPart(u) === server))
              out.push({
                kind: "forge-fully-formed",
                server,
                room,
                to,
                event: forgedEvent(this.variant, sender),
              });
      }
    }
    return out;
  }

  /** Only the hub forms events: the hub refuses a fully-formed submission, a follower one not from its hub. */
  override oracle(model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "forge-fully-formed" || model.config.delivery !== "instant") return undefined;
    const hub = hubOf(outcome.before, action.room);
    return expectRefused(
      outcome.verdict,
      action.to === hub ? "hub.accept-limited-event" : "follower.from-hub",
      `${action.server}, not the hub of ${action.room}, formed an event and sent it to ${action.to}`,
    );
  }
}

/** The tampers a hub-tamper command makes. */
export type Tamper = "add-auth-event" | "remove-auth-event" | "fork" | "skip-auth";

/**
 * How the followers of `room` stand: `none` when no other server has a joined user, `watching`
 * when every such server holds the room up to the hub's head and rechecks the whole policy (so
 * it refuses a tampered event, never buffers it), else `exposed`.
 */
export function followerStance(world: World, room: RoomId): "none" | "watching" | "exposed" {
  const hub = world.rooms.get(room);
  const replica = hub === undefined ? undefined : world.servers.get(hub)?.persisted.rooms.get(room);
  if (replica === undefined) return "none";
  const followers = pentries(replica.state.joinedPerServer).filter(([server, n]) => n > 0 && server !== hub);
  if (followers.length === 0) return "none";
  if (!optionIs(world.config.profile, "mgmt.enforcement", "hub-and-followers")) return "exposed";
  const atHead = followers.every(
    ([server]) => world.servers.get(server)?.persisted.rooms.get(room)?.state.length === replica.state.length,
  );
  return atHead ? "watching" : "exposed";
}

/** A hub tampers with an event and fans it out, in ways honest followers detect. */
export class HubTamperCommand extends ActionCommand {
  readonly kind = "hub-tamper";

  constructor(
    pick: number,
    wild: boolean,
    readonly tamper: Tamper,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const { world } = model;
    const out: Action[] = [];
    for (const room of roomsFor(model, false)) {
      const stance = followerStance(world, room);
      // Wild: also rooms nobody follows, where the tampered event goes nowhere.
      if (stance === "exposed" || (stance === "none" && !this.wild)) continue;
      const hub = world.rooms.get(room);
      const replica = hub === undefined ? undefined : world.servers.get(hub)?.persisted.rooms.get(room);
      if (replica === undefined) continue;
      const history = historyOf(replica);
      const joined = model.scope.users.filter((u) => membershipAt(world, room, u) === "join");
      const message = (sender: UserId) => forgedEvent("message", sender);
      switch (this.tamper) {
        case "add-auth-event":
          for (const sender of joined)
            for (const e of history)
              out.push({
                kind: "hub-tamper",
                room,
                tamper: this.tamper,
                event: message(sender),
                authEvent: e.event_id,
              });
          break;
        case "remove-auth-event": {
          const create = history[0]?.event_id;
          if (create !== undefined)
            for (const sender of joined)
              out.push({
                kind: "hub-tamper",
                room,
                tamper: this.tamper,
                event: message(sender),
                authEvent: create,
              });
          break;
        }
        case "fork":
          if (history.length >= 2)
            for (const sender of joined)
              out.push({ kind: "hub-tamper", room, tamper: this.tamper, event: message(sender) });
          break;
        case "skip-auth":
          for (const sender of targets(model))
            if (membershipAt(world, room, sender) !== "join")
              out.push({ kind: "hub-tamper", room, tamper: this.tamper, event: message(sender) });
          break;
      }
    }
    return out;
  }

  /** Followers that recheck the policy refuse a tampered event (LM §2.9 item 4). */
  override oracle(model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "hub-tamper" || model.config.delivery !== "instant") return undefined;
    if (followerStance(outcome.before, action.room) !== "watching") return undefined;
    const guard = {
      "add-auth-event": "auth.select-auth-events",
      "remove-auth-event": "auth.auth-events-have-create",
      fork: "hub.append-at-head",
      "skip-auth": "auth.sender-joined",
    }[action.tamper];
    return expectRefused(
      outcome.verdict,
      guard,
      `the hub tampered with an event (${action.tamper}) and its followers did not notice`,
    );
  }
}
