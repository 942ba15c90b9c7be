/**
 * The delivery (liveness-style) check: from a world, let the network deliver everything and let
 * servers recover what it lost (retry transactions whose submission or answer went missing,
 * backfill rooms they fell behind in), then every follower with a joined user must hold exactly
 * the hub's history: no event lost, duplicated or reordered, nothing left in flight or pending.
 * A retry of a transaction the hub already processed must not append anything again.
 *
 * @module
 */
import {
  type Action,
  historyOf,
  joinedOn,
  logAt,
  pentries,
  phas,
  type Replica,
  step,
  type World,
} from "@mimi-spec/machine";
import type { ServerName } from "@mimi-spec/schema";

/** The outcome of settling one world. */
export interface Settled {
  /** The actions that settled it, in order (for a replayable trace). */
  readonly actions: ReadonlyArray<Action>;
  readonly world: World;
  /** What is wrong once settled, or `undefined` when every follower converged. */
  readonly problem: string | undefined;
}

/** How many rounds of flush, retry and sync settling may take before it gives up. */
export const MAX_SETTLE_ROUNDS = 8;

function hubReplicaOf(world: World, room: string): Replica | undefined {
  const hub = world.rooms.get(room as never);
  return hub === undefined ? undefined : world.servers.get(hub)?.persisted.rooms.get(room as never);
}

/** The followers that should hold a room: servers other than the hub with a joined user. */
function followersOf(hub: Replica): ServerName[] {
  const out: ServerName[] = [];
  for (const [server, count] of pentries(hub.state.joinedPerServer))
    if (count > 0 && server !== hub.hub) out.push(server);
  return out.sort();
}

/** Whether `replica` holds exactly the hub's history, by event identity. */
function sameHistory(replica: Replica | undefined, hub: Replica): boolean {
  if (replica === undefined || replica.history.length !== hub.history.length) return false;
  for (let i = 0; i < hub.history.length; i++)
    if (logAt(replica.history, i)?.event_id !== logAt(hub.history, i)?.event_id) return false;
  return true;
}

/** Says how a follower's history differs from the hub's: lost, duplicated or reordered events. */
export function historyDifference(replica: Replica | undefined, hub: Replica): string | undefined {
  const theirs = historyOf(hub).map((e) => e.event_id);
  if (replica === undefined) return `holds no copy (the hub has ${theirs.length} events)`;
  const mine = historyOf(replica).map((e) => e.event_id);
  const duplicated = mine.find((id, i) => mine.indexOf(id) !== i);
  if (duplicated !== undefined) return `holds ${duplicated} twice`;
  const lost = theirs.filter((id) => !mine.includes(id));
  if (lost.length > 0) return `lacks ${lost.join(", ")}`;
  const extra = mine.filter((id) => !theirs.includes(id));
  if (extra.length > 0) return `holds ${extra.join(", ")}, which the hub lacks`;
  if (mine.join(" ") !== theirs.join(" "))
    return `holds the hub's events in another order (${mine.join(", ")})`;
  return undefined;
}

/**
 * Delivers everything, then retries lost transactions and syncs lagging followers until nothing
 * changes; then checks convergence.
 */
export function settle(start: World): Settled {
  const settled = settleOn(start, {
    step: (world, action) => step(world, action).world,
    view: (world) => world,
  });
  return { ...settled, world: settled.end };
}

/** How {@link settleOn} steps worlds of some representation and reads them as reference worlds. */
export interface SettleMachine<W> {
  /** The world after `action` (settling uses only flush, retry and sync, which name no message). */
  readonly step: (world: W, action: Action) => W;
  /** The reference world `world` stands for. */
  readonly view: (world: W) => World;
}

/** What {@link settleOn} reports: the settling actions, the settled world (as the reference world too) and the problem. */
export interface SettledOn<W> {
  readonly actions: ReadonlyArray<Action>;
  readonly end: World;
  readonly last: W;
  readonly problem: string | undefined;
}

/** {@link settle} on any machine that steps worlds of type `W` (the compact machine, say). */
export function settleOn<W>(start: W, machine: SettleMachine<W>): SettledOn<W> {
  let current = start;
  let view: World | undefined;
  const world = (): World => {
    view ??= machine.view(current);
    return view;
  };
  const actions: Action[] = [];
  const apply = (action: Action): void => {
    current = machine.step(current, action);
    view = undefined;
    actions.push(action);
  };
  const flush = (): void => {
    if (world().inFlight.length > 0) apply({ kind: "flush" });
  };
  let problem: string | undefined;
  for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
    flush();
    let acted = false;
    for (const [name, server] of world().servers)
      for (const [txn, pending] of server.volatile.pending) {
        const hub = world().servers.get(pending.to);
        const processed = hub !== undefined && phas(hub.persisted.txnResults, `${name} ${txn}`);
        const before = hubReplicaOf(world(), pending.room)?.history.length;
        apply({ kind: "retry", server: name, txn });
        flush();
        acted = true;
        const after = hubReplicaOf(world(), pending.room)?.history.length;
        if (processed && before !== after)
          problem ??= `retrying ${name}'s transaction ${txn}, which the hub had processed, appended to ${pending.room} again`;
      }
    for (const room of world().rooms.keys()) {
      const hub = hubReplicaOf(world(), room);
      if (hub === undefined) continue;
      for (const follower of followersOf(hub)) {
        const replica = world().servers.get(follower)?.persisted.rooms.get(room);
        if (sameHistory(replica, hub)) continue;
        apply({ kind: "sync", server: follower, room });
        flush();
        acted = true;
      }
    }
    if (!acted) break;
  }
  if (problem === undefined) problem = convergenceProblem(world());
  return { actions, end: world(), last: current, problem };
}

/** What keeps a settled world from having converged, if anything. */
export function convergenceProblem(world: World): string | undefined {
  if (world.inFlight.length > 0) return `${world.inFlight.length} message(s) still in flight`;
  for (const [name, server] of world.servers)
    if (server.volatile.pending.size > 0)
      return `${name} still has ${server.volatile.pending.size} pending transaction(s)`;
  for (const room of world.rooms.keys()) {
    const hub = hubReplicaOf(world, room);
    if (hub === undefined) return `the hub of ${room} holds no copy of it`;
    for (const follower of followersOf(hub)) {
      if (joinedOn(hub.state, follower) === 0) continue;
      const replica = world.servers.get(follower)?.persisted.rooms.get(room);
      const difference = historyDifference(replica, hub);
      if (difference !== undefined) return `${follower}'s copy of ${room} ${difference}`;
    }
  }
  return undefined;
}
