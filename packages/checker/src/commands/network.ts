/**
 * The network and server commands: deliver, drop or duplicate a message in flight, retry a
 * pending transaction, flush the network, sync (backfill) a room, restart a server. Sensible
 * candidates name messages actually in flight and transactions actually pending; wild ones also
 * name ones that are not, which the machine must refuse. The oracles state what the network
 * model promises: an unknown message or transaction is refused, a flush leaves nothing in flight,
 * a restart loses exactly the volatile state.
 *
 * @module
 */
import type { Action, World } from "@mimi-spec/machine";
import type { RoomId, ServerName } from "@mimi-spec/schema";
import type { Model } from "../model.ts";
import { scopeServers } from "../scope.ts";
import {
  ActionCommand,
  type Disagreement,
  expectAcceptance,
  expectRefusal,
  type Outcome,
} from "./command.ts";
import { membershipAt, pairs, roomsFor, serverPart } from "./world-view.ts";

/** Message ids the network can act on: in flight (sensible), plus (wild) one that never was. */
function messageIds(world: World, wild: boolean): number[] {
  const ids = world.inFlight.map((e) => e.id);
  return wild ? [...ids, world.nextMessageId] : ids;
}

/** The network delivers, loses or duplicates a message. */
export class MessageCommand extends ActionCommand {
  constructor(
    pick: number,
    wild: boolean,
    readonly kind: "deliver" | "drop" | "duplicate",
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return messageIds(model.world, this.wild).map((message) => ({ kind: this.kind, message }));
  }

  override oracle(_model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "deliver" && action.kind !== "drop" && action.kind !== "duplicate") return undefined;
    const inFlight = outcome.before.inFlight.some((e) => e.id === action.message);
    const what = `${action.kind} #${action.message}`;
    if (!inFlight)
      return expectRefusal(outcome.verdict, "network.message-in-flight", `${what}, which is not in flight`);
    if (action.kind !== "deliver") return expectAcceptance(outcome.verdict, what);
    return undefined;
  }
}

/** A server retries a pending transaction. */
export class RetryCommand extends ActionCommand {
  readonly kind = "retry";

  candidates(model: Readonly<Model>): Action[] {
    const out: Action[] = [];
    for (const [server, state] of model.world.servers)
      for (const txn of state.volatile.pending.keys()) out.push({ kind: "retry", server, txn });
    if (this.wild)
      for (const server of scopeServers(model.scope)) out.push({ kind: "retry", server, txn: "t999" });
    return out;
  }

  override oracle(_model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "retry") return undefined;
    const pending = outcome.before.servers.get(action.server)?.volatile.pending.has(action.txn) === true;
    return pending
      ? undefined
      : expectRefusal(
          outcome.verdict,
          "network.retry-pending",
          `retry ${action.txn} at ${action.server}, which has no such transaction`,
        );
  }
}

/** The network delivers everything in flight. */
export class FlushCommand extends ActionCommand {
  readonly kind = "flush";

  candidates(model: Readonly<Model>): Action[] {
    return this.wild || model.world.inFlight.length > 0 ? [{ kind: "flush" }] : [];
  }

  override oracle(_model: Readonly<Model>, _action: Action, outcome: Outcome): Disagreement | undefined {
    if (outcome.after.inFlight.length === 0) return expectAcceptance(outcome.verdict, "flush");
    return { message: `after a flush ${outcome.after.inFlight.length} message(s) are still in flight` };
  }
}

/** A server asks a room's hub for the events it lacks. */
export class SyncCommand extends ActionCommand {
  readonly kind = "sync";

  candidates(model: Readonly<Model>): Action[] {
    const { world, scope } = model;
    const servers = scopeServers(scope);
    const all = pairs(servers, roomsFor(model, this.wild));
    const sensible = ([server, room]: [ServerName, RoomId]) =>
      world.rooms.get(room) !== server &&
      (world.servers.get(server)?.persisted.rooms.has(room) === true ||
        scope.users.some((u) => serverPart(u) === server && membershipAt(world, room, u) === "join"));
    return (this.wild ? all : all.filter(sensible)).map(([server, room]) => ({ kind: "sync", server, room }));
  }
}

/** A server restarts, keeping what it persisted. */
export class RestartCommand extends ActionCommand {
  readonly kind = "restart";

  candidates(model: Readonly<Model>): Action[] {
    const servers = this.wild ? scopeServers(model.scope) : [...model.world.servers.keys()];
    return servers.map((server) => ({ kind: "restart", server }));
  }

  override oracle(_model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "restart") return undefined;
    const before = outcome.before.servers.get(action.server);
    const after = outcome.after.servers.get(action.server);
    if (after === undefined) return undefined;
    if (after.volatile.pending.size > 0 || after.volatile.buffered.size > 0)
      return { message: `${action.server} kept volatile state across a restart` };
    if (before !== undefined && after.persisted !== before.persisted)
      return { message: `${action.server} changed what it persisted by restarting` };
    return expectAcceptance(outcome.verdict, `restart ${action.server}`);
  }
}
