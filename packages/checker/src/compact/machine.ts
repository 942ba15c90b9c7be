/**
 * The compact machine: the reference machine's worlds, stored as a few arrays of interned
 * parts, with each step's work done once per distinct part and then looked up.
 *
 * A world is cut into one part per (server, room): the server's replica of the room, the events
 * it buffered for it, its users' invite records for it and its directory entry for it. What a
 * delivery or a user action does depends only on the receiving server's part for the message's
 * room (the reference machine's hub and follower paths read nothing else of a server; the
 * profiles they read of other servers are empty in every scope this machine accepts), so the
 * outcome is computed once, by the reference `step` itself on a one-part world, and cached by
 * (part, message); so is the message a retry or a sync sends. What crosses rooms stays here,
 * written out from the reference step code: transactions (the counter that names them, the
 * pending map, LM's one transaction per hub, a result's arrival, the hub's results), the order of
 * the messages in flight (drop, duplicate, flush), and restarts. `verifyCompact` is what guards
 * these: a fault in them does not reach this machine.
 *
 * A compact world is the same world as the reference one up to event IDs and timestamps: the
 * hub's `k`-th event of a room is named by its slot and position (see `layout.ts`), and no step
 * reads a timestamp. `decode` rebuilds the reference world, so the reference alphabet, canonical
 * form and invariants apply to it, and `verifyCompact` checks every step against the reference
 * machine.
 *
 * @module
 */
import {
  type Action,
  appendToReplica,
  type DirectoryEntry,
  type Envelope,
  emptyDirectory,
  emptyPMap,
  type Finding,
  type FullEvent,
  type InviteRecord,
  inviteKey,
  logAppend,
  logItems,
  type Message,
  type PendingTxn,
  type PMap,
  type Profile,
  pget,
  pset,
  type Replica,
  replicaFromCreate,
  type ServerState,
  step,
  type TxnResult,
  USER_ACTION_KINDS,
  type World,
  withDirectoryEntry,
} from "@mimi-spec/machine";
import type { ServerName } from "@mimi-spec/schema";
import { KNOWN_FIELDS } from "../explore/canonical.ts";
import type { ResolvedExploreScope } from "../explore/scope.ts";
import { Interner, structKey } from "./intern.ts";
import { type CompactLayout, compactLayout, eventNumber, serverIndexOfUser } from "./layout.ts";

/** One server's part of one room. */
export interface RoomSlice {
  readonly replica: Replica | undefined;
  /** Events that arrived before their predecessor (volatile). */
  readonly buffered: ReadonlyArray<FullEvent> | undefined;
  /** The invite records of the server's users for this room, by user. */
  readonly invites: ReadonlyArray<InviteRecord>;
  readonly directory: DirectoryEntry | undefined;
}

/** A hub's answer to one transaction, kept to answer retries. */
export interface ResultEntry {
  /** `origin txn`, as the reference hub keys it. */
  readonly key: string;
  readonly result: TxnResult;
}

/** A world as interned parts. Arrays are never changed in place: a step copies what it changes. */
export interface CompactWorld {
  /** Part IDs, server-major: `slices[server · slotCount + slot]` (0: the empty part). */
  readonly slices: ReadonlyArray<number>;
  /** Per server, its pending transactions (IDs) in the order they were started. */
  readonly pending: ReadonlyArray<ReadonlyArray<number>>;
  /** Per server, its transaction counter. */
  readonly counters: ReadonlyArray<number>;
  /** Per server, the results it keeps as a hub (IDs). */
  readonly results: ReadonlyArray<ReadonlyArray<number>>;
  /** The messages in flight (IDs), oldest first. */
  readonly messages: ReadonlyArray<number>;
  readonly findings: ReadonlyArray<Finding>;
}

/** What one cached computation did to the part it ran on. */
interface Outcome {
  /** False when the reference machine refused the action (the world stays as it was). */
  readonly accepted: boolean;
  readonly slice: number;
  readonly sent: ReadonlyArray<number>;
  /** The result entry the hub recorded, if it recorded one. */
  readonly result: number | undefined;
  readonly findings: ReadonlyArray<Finding>;
}

/** The user actions that go to a room's hub (every user action but creation). */
const ROOM_ACTIONS: ReadonlySet<string> = new Set(USER_ACTION_KINDS.filter((kind) => kind !== "create-room"));

/** Action kinds this machine refuses: they change what other servers' steps read (profiles, settings), or forge input. */
export const COMPACT_UNSUPPORTED: ReadonlySet<string> = new Set([
  "set-profile",
  "set-setting",
  "set-server-setting",
  "forge-limited",
  "forge-fully-formed",
  "hub-tamper",
]);

/**
 * A short key naming an action exactly (the fields each kind has, in a fixed order); kinds with
 * structured fields fall back to the structural key.
 */
export function actionKey(action: Action): string {
  let key = actionKeys.get(action);
  if (key === undefined) {
    key = writeActionKey(action);
    actionKeys.set(action, key);
  }
  return key;
}

/** Action keys by action object (the compact alphabet hands out the same objects again and again). */
const actionKeys = new WeakMap<Action, string>();

function writeActionKey(action: Action): string {
  const a = action as Action & { user?: string; room?: string; target?: string };
  switch (action.kind) {
    case "invite":
    case "kick":
    case "ban":
    case "unban":
      return `${action.kind}|${a.user}|${a.room}|${a.target}`;
    case "join":
    case "leave":
    case "knock":
      return `${action.kind}|${a.user}|${a.room}`;
    case "send-message":
      return `${action.kind}|${action.user}|${action.room}|${action.body}`;
    default:
      return structKey(action);
  }
}

const EMPTY_SLICE: RoomSlice = { replica: undefined, buffered: undefined, invites: [], directory: undefined };

/** The fields `messageKey` knows (the message fields the canonical form knows; any other goes through `structKey`). */
const MESSAGE_FIELDS: ReadonlySet<string> = KNOWN_FIELDS.message;

/** Delivery outcomes are keyed by `message · RESULT_KEY_SPAN + result entry + 1` (a safe integer for any reachable count). */
const RESULT_KEY_SPAN = 1_000_000;

/** The most messages a `flush` delivers, as in the reference machine's `drain`. */
const MAX_DELIVERIES = 100_000;

/** `items` and then `item` (a copy). */
function appended<T>(items: ReadonlyArray<T>, item: T): T[] {
  const out = items.slice();
  out.push(item);
  return out;
}

/**
 * `world` with some fields replaced. Every compact world is built here, with its fields in one
 * order, so they all share one object shape (property reads stay monomorphic).
 */
function worldWith(world: CompactWorld, changes: Partial<CompactWorld>): CompactWorld {
  return {
    slices: changes.slices ?? world.slices,
    pending: changes.pending ?? world.pending,
    counters: changes.counters ?? world.counters,
    results: changes.results ?? world.results,
    messages: changes.messages ?? world.messages,
    findings: changes.findings ?? world.findings,
  };
}

/** Removes item `index` of `items` (a copy). */
function without<T>(items: ReadonlyArray<T>, index: number): T[] {
  const out = items.slice();
  out.splice(index, 1);
  return out;
}

/** The compact machine of one scope and profile: interned parts, cached outcomes, and the step. */
export class CompactMachine {
  readonly layout: CompactLayout;
  // Kept values are rebuilt from kept parts, so that equal events are one object everywhere, as
  // in a reference world (where a follower holds the very event objects its hub sent).
  private readonly events = new Interner<FullEvent>((e) => structKey(e));
  private readonly replicas = new Interner<Replica>(
    (r) =>
      `${r.roomId}|${r.hub}|${logItems(r.history)
        .map((e) => this.events.id(e))
        .join(",")}`,
    (r) => {
      const events = logItems(r.history);
      const last = events.length - 1;
      let firstOther = 0;
      while (firstOther <= last && this.event(events[firstOther] as FullEvent) === events[firstOther])
        firstOther++;
      // Usually every event is already the kept one (a step appends one new event to a kept replica).
      if (firstOther > last) return r;
      // Often only that new event equals one kept before (the same event at the same place on
      // another path): swap it in. The state indexes may keep the other, equal, object.
      if (firstOther === last) {
        const prefix = { store: r.history.store, length: last };
        return { ...r, history: logAppend(prefix, this.event(events[last] as FullEvent), (e) => e.event_id) };
      }
      const [create, ...rest] = events.map((e) => this.event(e));
      if (create === undefined) return r;
      let out = replicaFromCreate(create, r.hub);
      for (const e of rest) out = appendToReplica(out, e);
      return out;
    },
  );
  private readonly invites = new Interner<InviteRecord>(
    (r) => structKey(r),
    (r) => ({ ...r, event: this.event(r.event) }),
  );
  private readonly entries = new Interner<DirectoryEntry>((e) => structKey(e));
  private readonly slices = new Interner<RoomSlice>(
    (s) =>
      `${s.replica === undefined ? "-" : this.replicas.id(s.replica)}|${
        s.buffered === undefined ? "-" : s.buffered.map((e) => this.events.id(e)).join(",")
      }|${s.invites.map((r) => this.invites.id(r)).join(",")}|${
        s.directory === undefined ? "-" : this.entries.id(s.directory)
      }`,
    (s) => ({
      replica: s.replica === undefined ? undefined : this.replicas.value(this.replicas.id(s.replica)),
      buffered: s.buffered?.map((e) => this.event(e)),
      invites: s.invites.map((r) => this.invites.value(this.invites.id(r))),
      directory: s.directory === undefined ? undefined : this.entries.value(this.entries.id(s.directory)),
    }),
  );
  /** Messages in flight. */
  readonly messages = new Interner<Message>(
    (m) => this.messageKey(m),
    (m) => {
      switch (m.kind) {
        case "event":
        case "invite":
          return { ...m, event: this.event(m.event) };
        case "history":
          return { ...m, events: m.events.map((e) => this.event(e)) };
        case "submit":
          return "event_id" in m.event ? { ...m, event: this.event(m.event as FullEvent) } : m;
        default:
          return m;
      }
    },
  );
  readonly pendings = new Interner<PendingTxn>(
    (p) => structKey(p),
    (p) => ("event_id" in p.event ? { ...p, event: this.event(p.event as FullEvent) } : p),
  );
  readonly resultEntries = new Interner<ResultEntry>((r) => `${r.key}|${structKey(r.result)}`);
  /** Outcomes of deliveries: by the recipient's part, then by message and result entry. */
  private readonly deliveries = new Map<number, Map<number, Outcome>>();
  /** Outcomes of the hub's own users' actions and of creations: by part, then by action key. */
  private readonly actions = new Map<number, Map<string, Outcome>>();
  private readonly limited = new Map<string, PendingTxn["event"]>();
  /** A follower's submission (pending entry and message) by action key, then transaction number. */
  private readonly submissions = new Map<string, Array<{ pending: number; message: number } | undefined>>();
  /** The message a retry sends, by pending entry. */
  private readonly retries = new Map<number, number>();
  /** The message a sync sends, by server, slot and part. */
  private readonly syncs = new Map<string, number>();
  private readonly restartedSlices = new Map<number, number>();
  /** Per server, the state of a server that holds nothing. */
  private readonly emptyServers: ServerState[] = [];
  private readonly followerCopies = new WeakMap<Replica, Replica>();
  private readonly envelopes: Array<Map<number, Envelope>> = [];
  /** How many outcomes were computed by the reference machine (cache misses). */
  referenceSteps = 0;

  constructor(
    scope: ResolvedExploreScope,
    readonly profile: Profile,
  ) {
    for (const kind of scope.kinds)
      if (COMPACT_UNSUPPORTED.has(kind))
        throw new Error(
          `compact machine: the scope's action kind ${JSON.stringify(kind)} is not supported (it changes what other servers read)`,
        );
    this.layout = compactLayout(scope);
    if (this.slices.id(EMPTY_SLICE) !== 0) throw new Error("compact machine: the empty part must be part 0");
  }

  /** The world where nothing happened yet. */
  initial(): CompactWorld {
    const n = this.layout.servers.length;
    return {
      slices: new Array<number>(n * this.layout.slotCount).fill(0),
      pending: new Array<number[]>(n).fill([]),
      counters: new Array<number>(n).fill(0),
      results: new Array<number[]>(n).fill([]),
      messages: [],
      findings: [],
    };
  }

  /** A message's structural key, with events named by their interned IDs (not written out again). */
  private messageKey(m: Message): string {
    // A field this key does not know (the machine grew one) falls back to the full structural key.
    for (const field in m) if (!MESSAGE_FIELDS.has(field)) return structKey(m);
    const head = `${m.kind}|${m.from}|${m.to}|${m.room}`;
    switch (m.kind) {
      case "event":
        return `${head}|${this.events.id(m.event)}`;
      case "history":
        return `${head}|${m.events.map((e) => this.events.id(e)).join(",")}`;
      case "invite":
        return `${head}|${this.events.id(m.event)}|${structKey(m.summary)}|${structKey(m.previewInputs)}`;
      case "submit":
        return `${head}|${m.txn}|${"event_id" in m.event ? `E${this.events.id(m.event as FullEvent)}` : structKey(m.event)}`;
      default:
        return structKey(m);
    }
  }

  /** The kept event equal to `event`. */
  private event(event: FullEvent): FullEvent {
    return this.events.value(this.events.id(event));
  }

  /** The part named `id`. */
  slice(id: number): RoomSlice {
    return this.slices.value(id);
  }

  /** The world after `action`, or `undefined` when the machine refuses it (the world stays as it was). */
  step(world: CompactWorld, action: Action): CompactWorld | undefined {
    if (action.kind === "create-room") return this.createRoom(world, action);
    if (ROOM_ACTIONS.has(action.kind))
      return this.userAction(world, action as Action & { user: string; room: string });
    switch (action.kind) {
      case "deliver": {
        const index = action.message - 1;
        const message = world.messages[index];
        if (message === undefined) return undefined;
        return this.deliver(worldWith(world, { messages: without(world.messages, index) }), message);
      }
      case "drop": {
        const index = action.message - 1;
        if (world.messages[index] === undefined) return undefined;
        return worldWith(world, { messages: without(world.messages, index) });
      }
      case "duplicate": {
        const message = world.messages[action.message - 1];
        if (message === undefined) return undefined;
        return worldWith(world, { messages: appended(world.messages, message) });
      }
      case "flush": {
        let current = world;
        for (let i = 0; i < MAX_DELIVERIES && current.messages.length > 0; i++) {
          const first = current.messages[0] as number;
          current = this.deliver(worldWith(current, { messages: current.messages.slice(1) }), first);
        }
        return current;
      }
      case "retry": {
        const s = this.server(action.server);
        const id = (world.pending[s] ?? []).find((p) => this.pendings.value(p).txn === action.txn);
        if (id === undefined) return undefined;
        let submit = this.retries.get(id);
        if (submit === undefined) {
          // What the retry sends: the reference step on a server holding just that transaction.
          const pending = this.pendings.value(id);
          const server = this.partServer(s, [], undefined);
          const holding = {
            ...server,
            volatile: { ...server.volatile, pending: new Map([[pending.txn, pending]]) },
          };
          submit = this.sentBy(s, holding, action);
          this.retries.set(id, submit);
        }
        return worldWith(world, { messages: appended(world.messages, submit) });
      }
      case "sync": {
        const s = this.server(action.server);
        const slot = this.slot(action.room);
        const sliceId = world.slices[s * this.layout.slotCount + slot] ?? 0;
        const key = `${s} ${slot} ${sliceId}`;
        let backfill = this.syncs.get(key);
        if (backfill === undefined) {
          // What the sync sends: the reference step on the server's part of the room.
          backfill = this.sentBy(s, this.partServer(s, [[slot, sliceId]], undefined), action);
          this.syncs.set(key, backfill);
        }
        return worldWith(world, { messages: appended(world.messages, backfill) });
      }
      case "restart": {
        const s = this.server(action.server);
        const slices = world.slices.slice();
        for (let slot = 0; slot < this.layout.slotCount; slot++) {
          const at = s * this.layout.slotCount + slot;
          slices[at] = this.restarted(slices[at] ?? 0);
        }
        const pending = world.pending.slice();
        pending[s] = [];
        return worldWith(world, { slices, pending });
      }
      default:
        throw new Error(`compact machine: action kind ${JSON.stringify(action.kind)} is not supported`);
    }
  }

  private server(name: string): number {
    const index = this.layout.serverIndex.get(name);
    if (index === undefined) throw new Error(`compact machine: ${name} is not a server of the scope`);
    return index;
  }

  private slot(room: string): number {
    const slot = this.layout.slotOf.get(room);
    if (slot === undefined) throw new Error(`compact machine: ${room} is not a room of the scope`);
    return slot;
  }

  private restarted(id: number): number {
    let out = this.restartedSlices.get(id);
    if (out === undefined) {
      const slice = this.slices.value(id);
      out = slice.buffered === undefined ? id : this.slices.id({ ...slice, buffered: undefined });
      this.restartedSlices.set(id, out);
    }
    return out;
  }

  /** A user action: a follower's user starts a transaction; the hub's own user goes straight to the hub. */
  private userAction(
    world: CompactWorld,
    action: Action & { user: string; room: string },
  ): CompactWorld | undefined {
    const origin = serverIndexOfUser(this.layout, action.user as never);
    const slot = this.slot(action.room);
    const hub = this.layout.slotHub[slot] as number;
    if (origin === hub) {
      const at = hub * this.layout.slotCount + slot;
      const sliceId = world.slices[at] ?? 0;
      const outcome = this.cached(this.actions, sliceId, actionKey(action), () =>
        this.runOnPart(hub, slot, sliceId, undefined, undefined, action, this.nextEvent(slot, sliceId)),
      );
      return outcome.accepted ? this.apply(world, hub, slot, outcome) : undefined;
    }
    const hubName = this.layout.servers[hub] as ServerName;
    const originName = this.layout.servers[origin] as ServerName;
    // LM: one transaction in flight per sender and hub.
    const waiting = (world.pending[origin] ?? []).some((p) => this.pendings.value(p).to === hubName);
    if (waiting) return undefined;
    const counter = (world.counters[origin] ?? 0) + 1;
    const key = actionKey(action);
    let byCounter = this.submissions.get(key);
    if (byCounter === undefined) {
      byCounter = [];
      this.submissions.set(key, byCounter);
    }
    let submission = byCounter[counter];
    if (submission === undefined) {
      const txn = `t${counter}`;
      const event = this.limitedEventOf(action);
      submission = {
        pending: this.pendings.id({ txn, room: action.room as never, to: hubName, event }),
        message: this.messages.id({
          kind: "submit",
          from: originName,
          to: hubName,
          room: action.room as never,
          txn,
          event,
        }),
      };
      byCounter[counter] = submission;
    }
    const { pending: pendingId, message: submit } = submission;
    const pending = world.pending.slice();
    pending[origin] = appended(world.pending[origin] ?? [], pendingId);
    const counters = world.counters.slice();
    counters[origin] = counter;
    return worldWith(world, { pending, counters, messages: appended(world.messages, submit) });
  }

  /** The one message the reference step sends when `server` (alone in the world) takes `action`. */
  private sentBy(s: number, server: ServerState, action: Action): number {
    const name = this.layout.servers[s] as ServerName;
    this.referenceSteps++;
    const sent = step(this.miniWorld(new Map([[name, server]]), undefined, 1), action).world.inFlight;
    const only = sent[0];
    if (sent.length !== 1 || only === undefined)
      throw new Error(`compact machine: ${action.kind} on ${name} sent ${sent.length} messages, not one`);
    return this.messages.id(only.message);
  }

  /** The limited event a follower's user action submits (it depends on the action alone). */
  private limitedEventOf(action: Action & { user: string; room: string }): PendingTxn["event"] {
    const key = actionKey(action);
    let event = this.limited.get(key);
    if (event === undefined) {
      const origin = serverIndexOfUser(this.layout, action.user as never);
      const world = this.miniWorld(new Map(), undefined, 1);
      this.referenceSteps++;
      const after = step(world, action).world;
      const pending = after.servers
        .get(this.layout.servers[origin] as ServerName)
        ?.volatile.pending.values()
        .next().value as PendingTxn | undefined;
      if (pending === undefined)
        throw new Error(`compact machine: the reference machine started no transaction for ${key}`);
      event = pending.event;
      this.limited.set(key, event);
    }
    return event;
  }

  private createRoom(
    world: CompactWorld,
    action: Action & { kind: "create-room" },
  ): CompactWorld | undefined {
    const s = serverIndexOfUser(this.layout, action.user);
    const slot = this.slot(action.room);
    const base = s * this.layout.slotCount;
    // Creation reads the creator's whole directory (uniqueness) and whether the room exists.
    const directory: string[] = [];
    for (let k = 0; k < this.layout.slotCount; k++) {
      const entry = this.slices.value(world.slices[base + k] ?? 0).directory;
      directory.push(entry === undefined ? "-" : String(this.entries.id(entry)));
    }
    const sliceId = world.slices[base + slot] ?? 0;
    const key = `C|${directory.join(",")}|${actionKey(action)}`;
    const outcome = this.cached(this.actions, sliceId, key, () => {
      const server = this.partServer(s, [[slot, sliceId]], undefined);
      // The other rooms' directory entries, so the uniqueness check sees them.
      let dir = server.persisted.directory;
      for (let k = 0; k < this.layout.slotCount; k++) {
        const entry = this.slices.value(world.slices[base + k] ?? 0).directory;
        if (k !== slot && entry !== undefined)
          dir = withDirectoryEntry(dir, this.layout.slotRooms[k] as never, entry);
      }
      const withDirectory: ServerState = { ...server, persisted: { ...server.persisted, directory: dir } };
      return this.runOn(s, slot, withDirectory, undefined, action, eventNumber(slot, 0));
    });
    return outcome.accepted ? this.apply(world, s, slot, outcome) : undefined;
  }

  /** Delivers message `id` (already out of flight) to its recipient. */
  private deliver(world: CompactWorld, id: number): CompactWorld {
    const message = this.messages.value(id);
    const s = this.server(message.to);
    if (message.kind === "result") {
      // The reference `receiveResult`: the origin forgets the transaction, if it still waits for it.
      const list = world.pending[s] ?? [];
      const index = list.findIndex((p) => this.pendings.value(p).txn === message.txn);
      if (index < 0) return world;
      const pending = world.pending.slice();
      pending[s] = without(list, index);
      return worldWith(world, { pending });
    }
    const slot = this.slot(message.room);
    const sliceId = world.slices[s * this.layout.slotCount + slot] ?? 0;
    let resultId: number | undefined;
    if (message.kind === "submit") {
      const key = `${message.from} ${message.txn}`;
      resultId = (world.results[s] ?? []).find((r) => this.resultEntries.value(r).key === key);
    }
    // The message names its recipient, so (part, message, result entry) names the outcome.
    if (resultId !== undefined && resultId >= RESULT_KEY_SPAN - 1)
      throw new Error(`compact machine: more than ${RESULT_KEY_SPAN - 1} transaction results`);
    const key = id * RESULT_KEY_SPAN + (resultId === undefined ? 0 : resultId + 1);
    const outcome = this.cached(this.deliveries, sliceId, key, () =>
      this.runOnPart(s, slot, sliceId, resultId, message, undefined, this.nextEvent(slot, sliceId)),
    );
    return this.apply(world, s, slot, outcome);
  }

  /** The event number the hub gives its next event in `slot`. */
  private nextEvent(slot: number, sliceId: number): number {
    return eventNumber(slot, this.slices.value(sliceId).replica?.history.length ?? 0);
  }

  private cached<K>(
    table: Map<number, Map<K, Outcome>>,
    sliceId: number,
    key: K,
    compute: () => Outcome,
  ): Outcome {
    let byKey = table.get(sliceId);
    if (byKey === undefined) {
      byKey = new Map();
      table.set(sliceId, byKey);
    }
    let outcome = byKey.get(key);
    if (outcome === undefined) {
      outcome = compute();
      byKey.set(key, outcome);
    }
    return outcome;
  }

  private apply(world: CompactWorld, s: number, slot: number, outcome: Outcome): CompactWorld {
    const at = s * this.layout.slotCount + slot;
    let slices = world.slices;
    if (slices[at] !== outcome.slice) {
      const copy = slices.slice();
      copy[at] = outcome.slice;
      slices = copy;
    }
    let results = world.results;
    if (outcome.result !== undefined) {
      const key = this.resultEntries.value(outcome.result).key;
      const kept = (world.results[s] ?? []).filter((r) => this.resultEntries.value(r).key !== key);
      const next = world.results.slice();
      next[s] = appended(kept, outcome.result);
      results = next;
    }
    return {
      slices,
      pending: world.pending,
      counters: world.counters,
      results,
      messages: outcome.sent.length === 0 ? world.messages : world.messages.concat(outcome.sent),
      findings: outcome.findings.length === 0 ? world.findings : world.findings.concat(outcome.findings),
    };
  }

  /**
   * A follower's own object for a replica equal to its hub's. Interning makes equal replicas one
   * object, but in a reference world the hub's copy and a follower's are distinct objects that
   * share their events, and the canonical form and the invariant caches rely on that.
   */
  private followerCopy(replica: Replica): Replica {
    let copy = this.followerCopies.get(replica);
    if (copy === undefined) {
      copy = { ...replica };
      this.followerCopies.set(replica, copy);
    }
    return copy;
  }

  /** A server holding only the given parts (and the result entry, if any). */
  private partServer(
    s: number,
    parts: ReadonlyArray<readonly [number, number]>,
    resultId: number | undefined,
  ): ServerState {
    const name = this.layout.servers[s] as ServerName;
    const rooms = new Map<never, Replica>();
    const invites = new Map<string, InviteRecord>();
    let directory = emptyDirectory();
    const buffered = new Map<never, ReadonlyArray<FullEvent>>();
    for (const [slot, sliceId] of parts) {
      const room = this.layout.slotRooms[slot] as never;
      const slice = this.slices.value(sliceId);
      if (slice.replica !== undefined)
        rooms.set(room, this.layout.slotHub[slot] === s ? slice.replica : this.followerCopy(slice.replica));
      for (const record of slice.invites) invites.set(inviteKey(record.room, record.user), record);
      if (slice.directory !== undefined) directory = withDirectoryEntry(directory, room, slice.directory);
      if (slice.buffered !== undefined) buffered.set(room, slice.buffered);
    }
    let txnResults: PMap<string, TxnResult> = emptyPMap();
    if (resultId !== undefined) {
      const entry = this.resultEntries.value(resultId);
      txnResults = pset(txnResults, entry.key, entry.result);
    }
    return {
      name,
      persisted: { rooms, invites, directory, txnCounter: 0, txnResults, profiles: new Map(), settings: {} },
      volatile: { pending: new Map(), buffered },
    };
  }

  private miniWorld(
    servers: Map<ServerName, ServerState>,
    message: Message | undefined,
    nextEventNumber: number,
  ): World {
    return {
      config: { profile: this.profile, delivery: "network", eventIds: "counter" },
      servers,
      rooms: new Map(),
      inFlight: message === undefined ? [] : [{ id: 1, message }],
      nextMessageId: 2,
      nextEventNumber,
      clock: 0,
      findings: [],
    };
  }

  private runOnPart(
    s: number,
    slot: number,
    sliceId: number,
    resultId: number | undefined,
    message: Message | undefined,
    action: Action | undefined,
    nextEventNumber: number,
  ): Outcome {
    return this.runOn(
      s,
      slot,
      this.partServer(s, [[slot, sliceId]], resultId),
      message,
      action,
      nextEventNumber,
    );
  }

  /**
   * Runs the reference step on a world holding only `server` (as cut down by the caller) and,
   * for a delivery, the one message; reads back the part of `slot`, the messages sent, the
   * result recorded and the findings.
   */
  private runOn(
    s: number,
    slot: number,
    server: ServerState,
    message: Message | undefined,
    action: Action | undefined,
    nextEventNumber: number,
  ): Outcome {
    const name = this.layout.servers[s] as ServerName;
    const world = this.miniWorld(new Map([[name, server]]), message, nextEventNumber);
    this.referenceSteps++;
    const result = step(world, action ?? { kind: "deliver", message: 1 });
    if (result.world === world)
      return { accepted: false, slice: 0, sent: [], result: undefined, findings: [] };
    const after = result.world;
    for (const other of after.servers.keys())
      if (other !== name)
        throw new Error(`compact machine: a step on ${name} changed ${other}, outside the part it was given`);
    const changed = after.servers.get(name) ?? server;
    const room = this.layout.slotRooms[slot] as never;
    const p = changed.persisted;
    for (const key of p.rooms.keys())
      if (key !== room) throw new Error(`compact machine: a step on ${room} stored a replica of ${key}`);
    const slice: RoomSlice = {
      replica: p.rooms.get(room),
      buffered: changed.volatile.buffered.get(room),
      invites: [...p.invites.values()]
        .filter((r) => r.room === room)
        .sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0)),
      directory: p.directory.entries.get(room),
    };
    let resultEntry: number | undefined;
    if (message?.kind === "submit") {
      const key = `${message.from} ${message.txn}`;
      const recorded = pget(p.txnResults, key);
      const before = pget(server.persisted.txnResults, key);
      if (recorded !== undefined && recorded !== before)
        resultEntry = this.resultEntries.id({ key, result: recorded });
    }
    return {
      accepted: true,
      slice: this.slices.id(slice),
      sent: after.inFlight.map((e) => this.messages.id(e.message)),
      result: resultEntry,
      findings: after.findings,
    };
  }

  /** The reference world this compact world stands for (event IDs positional, timestamps as stored). */
  decode(world: CompactWorld): World {
    const servers = new Map<ServerName, ServerState>();
    this.layout.servers.forEach((name, s) => {
      servers.set(name, this.decodeServer(world, s));
    });
    const inFlight = world.messages.map((id, i) => this.envelope(id, i + 1));
    return this.worldOf(servers, world.slices, inFlight, world.findings);
  }

  private worldOf(
    servers: Map<ServerName, ServerState>,
    slices: ReadonlyArray<number>,
    inFlight: Envelope[],
    findings: ReadonlyArray<Finding>,
  ): World {
    const rooms = new Map<never, ServerName>();
    const n = this.layout.slotCount;
    for (let slot = 0; slot < n; slot++) {
      const hub = this.layout.slotHub[slot] as number;
      if (this.slices.value(slices[hub * n + slot] ?? 0).replica !== undefined)
        rooms.set(this.layout.slotRooms[slot] as never, this.layout.servers[hub] as ServerName);
    }
    return {
      config: { profile: this.profile, delivery: "network", eventIds: "counter" },
      servers,
      rooms,
      inFlight,
      nextMessageId: inFlight.length + 1,
      nextEventNumber: 1,
      clock: 0,
      findings,
    };
  }

  private envelope(message: number, id: number): Envelope {
    let byMessage = this.envelopes[id];
    if (byMessage === undefined) {
      byMessage = new Map();
      this.envelopes[id] = byMessage;
    }
    let envelope = byMessage.get(message);
    if (envelope === undefined) {
      envelope = { id, message: this.messages.value(message) };
      byMessage.set(message, envelope);
    }
    return envelope;
  }

  private decodeServer(world: CompactWorld, s: number): ServerState {
    const pending = world.pending[s] ?? [];
    const results = world.results[s] ?? [];
    const cut = this.partsServer(world.slices, s);
    if (pending.length === 0 && results.length === 0 && (world.counters[s] ?? 0) === 0) return cut;
    let txnResults: PMap<string, TxnResult> = emptyPMap();
    for (const id of results) {
      const entry = this.resultEntries.value(id);
      txnResults = pset(txnResults, entry.key, entry.result);
    }
    const pendingMap = new Map<string, PendingTxn>();
    for (const id of pending) {
      const p = this.pendings.value(id);
      pendingMap.set(p.txn, p);
    }
    return {
      ...cut,
      persisted: { ...cut.persisted, txnCounter: world.counters[s] ?? 0, txnResults },
      volatile: { ...cut.volatile, pending: pendingMap },
    };
  }

  /** Server `s` holding its parts of `slices` (one kept object for a server with none). */
  private partsServer(slices: ReadonlyArray<number>, s: number): ServerState {
    const n = this.layout.slotCount;
    const parts: Array<readonly [number, number]> = [];
    for (let slot = 0; slot < n; slot++) {
      const id = slices[s * n + slot] ?? 0;
      if (id !== 0) parts.push([slot, id]);
    }
    if (parts.length > 0) return this.partServer(s, parts, undefined);
    let empty = this.emptyServers[s];
    if (empty === undefined) {
      empty = this.partServer(s, [], undefined);
      this.emptyServers[s] = empty;
    }
    return empty;
  }

  /**
   * The reference world of parts alone (no messages, transactions or findings), for asking
   * invariants about a few parts.
   */
  decodeParts(slices: ReadonlyArray<number>): World {
    const servers = new Map<ServerName, ServerState>();
    this.layout.servers.forEach((name, s) => {
      servers.set(name, this.partsServer(slices, s));
    });
    return this.worldOf(servers, slices, [], []);
  }
}
