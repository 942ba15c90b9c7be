/**
 * Canonical forms of worlds: equal for two worlds exactly when they behave the same up to the
 * scope's symmetries.
 *
 * What is written: every server's persisted and volatile state, the rooms, and the messages in
 * flight in order (the order decides what `flush` delivers first). What is left out, because no
 * future step can observe it:
 * - counters and clocks (message and event numbers, `origin_server_ts`, a server's transaction
 *   counter): events are named by their room and position in the hub's history, messages by
 *   their position in flight, transactions by order of first appearance;
 * - what is derived from something written (room state from the history, the directory's
 *   lookup index, previews from their inputs, reasons from guards);
 * - dead transactions: a hub's result for a transaction that is neither pending at its origin
 *   nor in flight can never be asked for again, and a result message for a transaction its
 *   origin no longer waits for is ignored on arrival.
 *
 * The canonical form is the least serialisation over the renamings of the world's symmetry
 * group, so a world and any renaming of it get the same form. Serialising is split into
 * components (a server, a replica, a message) cached by object and renaming: a step replaces
 * few objects and shares the rest with the world before it. A cached component stays valid in
 * every world that holds the same object, because such a world descends from the one that made
 * it, and hubs' histories only grow (so an event's position, its name, never changes).
 *
 * @module
 */
import {
  type FullEvent,
  freshServer,
  type InviteRecord,
  type LimitedEvent,
  logAt,
  type Message,
  type Person,
  type PreviewInputs,
  pget,
  positionOf,
  type Replica,
  type RoomSummary,
  type ServerState,
  type Settings,
  type Verdict,
  type World,
} from "@mimi-spec/machine";
import type { RoomId, ServerName } from "@mimi-spec/schema";
import { fingerprint } from "./fingerprint.ts";
import { GenerationalCache } from "./generational-cache.ts";
import type { Renaming, Symmetry } from "./symmetry.ts";

/**
 * The fields the serialiser writes (or deliberately leaves out) for each kind of object. Any
 * other field (the machine grows) is written generically, so a new field can only cost
 * reduction, never merge worlds that differ in it; the tests list these against real worlds.
 */
export const KNOWN_FIELDS = {
  world: new Set([
    "config",
    "servers",
    "rooms",
    "inFlight",
    "nextMessageId",
    "nextEventNumber",
    "clock",
    "findings",
  ]),
  server: new Set(["name", "persisted", "volatile"]),
  persisted: new Set(["rooms", "invites", "directory", "txnCounter", "txnResults", "profiles", "settings"]),
  volatile: new Set(["pending", "buffered"]),
  replica: new Set(["roomId", "hub", "history", "state"]),
  event: new Set([
    "event_id",
    "room_id",
    "type",
    "state_key",
    "sender",
    "content",
    "origin_server_ts",
    "hub_server",
    "auth_events",
    "prev_events",
    "signedBy",
  ]),
  invite: new Set(["room", "user", "event", "summary", "previewInputs", "preview"]),
  pending: new Set(["txn", "room", "to", "event"]),
  message: new Set([
    "kind",
    "from",
    "to",
    "room",
    "txn",
    "event",
    "events",
    "verdict",
    "eventId",
    "summary",
    "previewInputs",
    "after",
  ]),
} as const;

/** A serialised piece of a world and its fingerprint. */
interface Component {
  readonly text: string;
  readonly h1: number;
  readonly h2: number;
}

/**
 * A component made of a short text and other components, in order: its fingerprint folds theirs
 * (no re-hashing of their texts), and its text (kept only when `exact`) joins them.
 */
function composite(text: string, parts: ReadonlyArray<Component>, exact: boolean): Component {
  const [t1, t2] = fingerprint(text);
  let h1 = t1 ^ Math.imul(parts.length, 0x27d4eb2f);
  let h2 = t2;
  for (const c of parts) {
    h1 = Math.imul(h1 ^ c.h1, 0x9e3779b1);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ c.h2, 0x85ebca77);
    h2 ^= h2 >>> 13;
    h1 = (h1 + Math.imul(h2, 0x165667b1)) | 0;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  return {
    text: exact ? `${text}(${parts.map((c) => c.text).join("|")})` : "",
    h1: (h1 ^ (h1 >>> 13)) >>> 0,
    h2: (h2 ^ (h2 >>> 13)) >>> 0,
  };
}

function component(text: string): Component {
  const [h1, h2] = fingerprint(text);
  return { text, h1, h2 };
}

/** Components cached by the object they serialise and the renaming applied (by renaming ID). */
class ComponentCache<K extends object> {
  private readonly map = new GenerationalCache<K, Array<Component | undefined>>();

  /** Forgets the components of objects not used since the last call. */
  age(): void {
    this.map.age();
  }

  get(key: K, renaming: Renaming, make: () => string): Component {
    return this.getComponent(key, renaming, () => component(make()));
  }

  /** Like {@link get}, for components made of other components. */
  getComponent(key: K, renaming: Renaming, make: () => Component): Component {
    let byRenaming = this.map.get(key);
    if (byRenaming === undefined) {
      byRenaming = [];
      this.map.set(key, byRenaming);
    }
    let found = byRenaming[renaming.id];
    if (found === undefined) {
      found = make();
      byRenaming[renaming.id] = found;
    }
    return found;
  }
}

/** Serialises the parts of one world under one renaming. */
class Writer {
  /** Transaction labels by `origin txn`, per origin in order of first appearance. */
  private readonly txns = new Map<string, string>();
  private readonly txnCount = new Map<string, number>();

  constructor(
    readonly world: World,
    readonly renaming: Renaming,
  ) {}

  user(user: string): string {
    return this.renaming.users.get(user) ?? `?${user}`;
  }

  server(server: string): string {
    return this.renaming.servers.get(server) ?? `?${server}`;
  }

  room(room: string): string {
    return this.renaming.rooms.get(room) ?? `?${room}`;
  }

  hubReplica(room: string): Replica | undefined {
    const hub = this.world.rooms.get(room as RoomId);
    return hub === undefined ? undefined : this.world.servers.get(hub)?.persisted.rooms.get(room as RoomId);
  }

  /** An event ID as the room and its position in the hub's history. */
  eventName(room: string, id: string): string {
    const hub = this.hubReplica(room);
    const position = hub === undefined ? undefined : positionOf(hub, id);
    return position === undefined ? `?${id}` : `${this.room(room)}.${position}`;
  }

  /** Any JSON value of event content, with user, server, room and event names renamed. */
  value(value: unknown, room: string, sortArrays = false): string {
    if (typeof value === "string") {
      const renamed =
        this.renaming.users.get(value) ?? this.renaming.servers.get(value) ?? this.renaming.rooms.get(value);
      if (renamed !== undefined) return renamed;
      if (value.startsWith("$")) {
        const name = this.eventName(room, value);
        if (!name.startsWith("?")) return name;
      }
      return JSON.stringify(value);
    }
    if (typeof value !== "object" || value === null) return String(value);
    if (Array.isArray(value)) {
      const items = value.map((v) => this.value(v, room));
      if (sortArrays) items.sort();
      return `[${items.join(",")}]`;
    }
    const entries: string[] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      const k = this.renaming.users.get(key) ?? JSON.stringify(key);
      // A create event's member list is a set: the machine sorts it by (original) user ID.
      entries.push(`${k}:${this.value(v, room, key === "members")}`);
    }
    return `{${entries.sort().join(",")}}`;
  }

  /** Any value, for fields the serialiser does not know: maps and sets as sorted entries. */
  generic(value: unknown): string {
    if (typeof value !== "object" || value === null) return this.value(value, "");
    if (Array.isArray(value)) return `[${value.map((v) => this.generic(v)).join(",")}]`;
    if (Symbol.iterator in value) {
      const items = [...(value as Iterable<unknown>)].map((item) =>
        Array.isArray(item) && item.length === 2
          ? `${this.generic(item[0])}=>${this.generic(item[1])}`
          : this.generic(item),
      );
      return `<${items.sort().join(",")}>`;
    }
    const entries: string[] = [];
    for (const [key, v] of Object.entries(value))
      if (v !== undefined) entries.push(`${key}:${this.generic(v)}`);
    return `{${entries.sort().join(",")}}`;
  }

  /** The fields of `object` outside `known`, written generically ("" when there are none). */
  extras(object: object, known: ReadonlySet<string>): string {
    let out = "";
    for (const key in object) {
      if (known.has(key) || !Object.hasOwn(object, key)) continue;
      const v = (object as Record<string, unknown>)[key];
      if (v !== undefined) out += `+${key}:${this.generic(v)}`;
    }
    return out;
  }

  /** The fields every event has, renamed (no ID, no timestamp). */
  fields(event: LimitedEvent | FullEvent): string {
    const room = event.room_id;
    const stateKey = event.state_key === undefined ? "-" : this.value(event.state_key, room);
    const hubServer = event.hub_server === undefined ? "-" : this.server(event.hub_server);
    return `${event.type}|${stateKey}|${this.user(event.sender)}|${this.value(event.content, room)}|${hubServer}|${event.signedBy.map((s) => this.server(s)).join(",")}${this.extras(event, KNOWN_FIELDS.event)}`;
  }

  /** A fully-formed event in full. */
  fullEvent(event: FullEvent): string {
    const room = event.room_id;
    const auth = event.auth_events.map((id) => this.eventName(room, id)).join(",");
    const prev = event.prev_events.map((id) => this.eventName(room, id)).join(",");
    return `${this.fields(event)}|a${auth}|p${prev}`;
  }

  /** A reference to an event: its name when it is the hub's own event, else the event in full. */
  ref(event: FullEvent): string {
    const hub = this.hubReplica(event.room_id);
    const position = hub === undefined ? undefined : positionOf(hub, event.event_id);
    if (hub !== undefined && position !== undefined && logAt(hub.history, position) === event)
      return `${this.room(event.room_id)}.${position}`;
    return `(${this.eventName(event.room_id, event.event_id)}=${this.fullEvent(event)})`;
  }

  /** A limited event, or a (forged) fully-formed one, as submitted. */
  submitted(event: LimitedEvent | FullEvent): string {
    return "event_id" in event ? this.ref(event as FullEvent) : this.fields(event);
  }

  verdict(verdict: Verdict): string {
    return verdict.accepted ? "A" : `R:${verdict.guard}`;
  }

  settings(settings: Settings): string {
    const out: string[] = [];
    for (const [key, value] of Object.entries(settings))
      if (value !== undefined) out.push(`${key}=${value ? 1 : 0}`);
    return out.sort().join(",");
  }

  optional(value: string | undefined): string {
    return value === undefined ? "~" : JSON.stringify(value);
  }

  person(person: Person): string {
    return `${this.user(person.userId)}|${this.optional(person.name)}|${this.optional(person.avatar)}|${this.optional(person.status)}|${this.optional(person.chosenIdentifier)}|${this.settings(person.settings)}`;
  }

  summary(summary: RoomSummary): string {
    const members = summary.members?.map((m) => this.user(m)).sort();
    return `${this.user(summary.creator)}|${summary.chatType ?? "~"}|${members === undefined ? "~" : members.join(",")}|${this.optional(summary.name)}|${summary.joinRule}`;
  }

  previewInputs(inputs: PreviewInputs | undefined): string {
    if (inputs === undefined) return "~";
    const members = inputs.members.map((m) => this.person(m)).sort();
    return `${inputs.chatType}|${this.person(inputs.inviter)}|${this.person(inputs.invitee)}|${this.settings(inputs.hubSettings)}|${members.join(";")}|${this.optional(inputs.roomName)}|${this.optional(inputs.firstMessage)}`;
  }

  /** A message without its transaction (which is labelled per world). */
  messageBody(m: Message): string {
    const head = `${m.kind}|${this.server(m.from)}|${this.server(m.to)}|${this.room(m.room)}${this.extras(m, KNOWN_FIELDS.message)}`;
    switch (m.kind) {
      case "submit":
        return `${head}|${this.submitted(m.event)}`;
      case "result":
        return `${head}|${this.verdict(m.verdict)}|${m.eventId === undefined ? "~" : this.eventName(m.room, m.eventId)}`;
      case "event":
        return `${head}|${this.ref(m.event)}`;
      case "history":
        return `${head}|${m.events.map((e) => this.ref(e)).join(",")}`;
      case "invite":
        return `${head}|${this.ref(m.event)}|${this.summary(m.summary)}|${this.previewInputs(m.previewInputs)}`;
      case "backfill":
        return `${head}|${m.after}`;
      default:
        return `${head}|${this.generic(m)}`;
    }
  }

  invite(record: InviteRecord): string {
    return `${this.room(record.room)} ${this.user(record.user)}|${this.ref(record.event)}|${this.summary(record.summary)}|${this.previewInputs(record.previewInputs)}${this.extras(record, KNOWN_FIELDS.invite)}`;
  }

  /** A replica: the hub's in full; a follower's as the prefix it shares with the hub, then the rest in full. */
  replica(replica: Replica, caches: Caches): Component {
    const hub = this.hubReplica(replica.roomId);
    const length = replica.history.length;
    let shared = 0;
    if (hub !== undefined && hub !== replica)
      while (shared < length && logAt(replica.history, shared) === logAt(hub.history, shared)) shared++;
    const events: Component[] = [];
    for (let i = shared; i < length; i++) {
      const event = logAt(replica.history, i) as FullEvent;
      // An event's text never changes (its references are positions in the hub's history).
      events.push(caches.events.get(event, this.renaming, () => this.fullEvent(event)));
    }
    return composite(
      `${this.server(replica.hub)}|=${shared}${this.extras(replica, KNOWN_FIELDS.replica)}`,
      events,
      caches.exact,
    );
  }

  /** A server without its pending transactions and transaction results (labelled per world). */
  serverBody(label: string, server: ServerState, caches: Caches): Component {
    const p = server.persisted;
    const rooms: Array<[string, Component]> = [];
    for (const [room, replica] of p.rooms)
      rooms.push([
        this.room(room),
        caches.replicas.getComponent(replica, this.renaming, () => this.replica(replica, caches)),
      ]);
    rooms.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const invites: string[] = [];
    for (const record of p.invites.values())
      invites.push(caches.invites.get(record, this.renaming, () => this.invite(record)).text);
    const directory: string[] = [];
    for (const [room, entry] of p.directory.entries) {
      const members = entry.members.map((m) => this.user(m)).sort();
      directory.push(`${this.room(room)}|${entry.chatType}|${members.join(",")}|${entry.reduced ? 1 : 0}`);
    }
    const profiles: string[] = [];
    for (const [user, profile] of p.profiles) profiles.push(this.person({ ...profile, userId: user }));
    const buffered: string[] = [];
    for (const [room, events] of server.volatile.buffered)
      buffered.push(
        `${this.room(room)}:${events
          .map((e) => this.ref(e))
          .sort()
          .join(",")}`,
      );
    const extras = `${this.extras(server, KNOWN_FIELDS.server)}${this.extras(p, KNOWN_FIELDS.persisted)}${this.extras(server.volatile, KNOWN_FIELDS.volatile)}`;
    const text = `${label}:R{${rooms.map(([room]) => room).join(",")}}I{${invites.sort().join(";")}}D{${directory.sort().join(";")}}P{${profiles.sort().join(";")}}S{${this.settings(p.settings)}}B{${buffered.sort().join(";")}}${extras}`;
    return composite(
      text,
      rooms.map(([, c]) => c),
      caches.exact,
    );
  }

  /** The label of a live transaction, assigned on first appearance. */
  txn(origin: string, txn: string): string {
    const key = `${origin} ${txn}`;
    let label = this.txns.get(key);
    if (label === undefined) {
      const n = this.txnCount.get(origin) ?? 0;
      this.txnCount.set(origin, n + 1);
      label = `t${n}`;
      this.txns.set(key, label);
    }
    return label;
  }

  /** Every labelled transaction: `[origin, txn, label]`. */
  labelled(): Array<[string, string, string]> {
    const out: Array<[string, string, string]> = [];
    for (const [key, label] of this.txns) {
      const space = key.indexOf(" ");
      out.push([key.slice(0, space), key.slice(space + 1), label]);
    }
    return out;
  }
}

/** Per-exploration caches of serialised components. */
class Caches {
  /** Whether components keep their full text (exact state sets, tests) or only fingerprints. */
  constructor(readonly exact: boolean) {}

  readonly servers = new ComponentCache<ServerState>();
  readonly replicas = new ComponentCache<Replica>();
  readonly messages = new ComponentCache<Message>();
  readonly pending = new ComponentCache<object>();
  readonly events = new ComponentCache<FullEvent>();
  readonly invites = new ComponentCache<InviteRecord>();
  private readonly freshServers = new Map<string, ServerState>();

  /** Forgets the components of objects not used since the last call. */
  age(): void {
    for (const cache of [this.servers, this.replicas, this.messages, this.pending, this.events, this.invites])
      cache.age();
  }

  /** The state of a server that never acted (one object per name, so that it caches). */
  fresh(name: string): ServerState {
    let server = this.freshServers.get(name);
    if (server === undefined) {
      server = freshServer(name as ServerName);
      this.freshServers.set(name, server);
    }
    return server;
  }
}

/**
 * The components of `world` under `renaming`, in canonical order: messages in flight (in
 * order, with their transaction labels), then each server (by label) with its pending
 * transactions, then the live transaction results, the rooms and the findings.
 */
function components(world: World, renaming: Renaming, caches: Caches): Component[] {
  const w = new Writer(world, renaming);
  const out: Component[] = [];
  const txnTexts: string[] = [];
  for (const { message: m } of world.inFlight) {
    out.push(caches.messages.get(m, renaming, () => w.messageBody(m)));
    // Transactions: a submission always names a live one; a result names one only while its
    // origin still waits for it (otherwise it is ignored on arrival).
    if (m.kind === "submit") txnTexts.push(w.txn(m.from, m.txn));
    else if (m.kind === "result")
      txnTexts.push(world.servers.get(m.to)?.volatile.pending.has(m.txn) === true ? w.txn(m.to, m.txn) : "-");
    else txnTexts.push("");
  }
  out.push(component(`M${world.inFlight.length}|${txnTexts.join(",")}`));
  const servers: Array<readonly [string, ServerState]> = [];
  for (const [label, name] of renaming.serverOrder)
    servers.push([label, world.servers.get(name as ServerName) ?? caches.fresh(name)]);
  // Servers outside the scope (none, when the alphabet drives the world) come last.
  for (const [name, state] of world.servers)
    if (!renaming.servers.has(name)) servers.push([`?${name}`, state]);
  for (const [label, server] of servers) {
    out.push(caches.servers.getComponent(server, renaming, () => w.serverBody(label, server, caches)));
    if (server.volatile.pending.size === 0) continue;
    // Pending transactions no message named yet get labels in content order.
    const rows: Array<{ txn: string; number: number; text: string }> = [];
    for (const pending of server.volatile.pending.values())
      rows.push({
        txn: pending.txn,
        number: Number(pending.txn.slice(1)),
        text: caches.pending.get(
          pending,
          renaming,
          () =>
            `${w.room(pending.room)}|${w.server(pending.to)}|${w.submitted(pending.event)}${w.extras(pending, KNOWN_FIELDS.pending)}`,
        ).text,
      });
    rows.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.number - b.number));
    const labelled = rows.map((r) => `${w.txn(server.name, r.txn)}:${r.text}`).sort();
    out.push(component(`Q${label}{${labelled.join(";")}}`));
  }
  // The results hubs keep for live transactions (the others are dead state).
  const results: string[] = [];
  for (const [origin, txn, label] of w.labelled()) {
    const to = world.servers.get(origin as ServerName)?.volatile.pending.get(txn)?.to;
    const hubs = to === undefined ? world.servers.keys() : [to];
    for (const hub of hubs) {
      const result = pget(world.servers.get(hub)?.persisted.txnResults ?? emptyResults, `${origin} ${txn}`);
      if (result !== undefined)
        results.push(
          `${w.server(hub)}<${w.server(origin)} ${label}|${w.verdict(result.verdict)}|${result.eventId === undefined ? "~" : eventNameAnywhere(w, result.eventId)}`,
        );
    }
  }
  const rooms = [...world.rooms.keys()].map((r) => w.room(r)).sort();
  const findings = world.findings
    .map((f) => `${w.server(f.server)}|${w.room(f.room)}|${w.eventName(f.room, f.eventId)}|${f.guard}`)
    .sort();
  out.push(
    component(
      `T{${results.sort().join(";")}}O{${rooms.join(",")}}F{${findings.join(";")}}${w.extras(world, KNOWN_FIELDS.world)}`,
    ),
  );
  return out;
}

const emptyResults = freshServer("empty.invalid" as ServerName).persisted.txnResults;

/** A transaction result's event ID: results do not say which room, so look in every room. */
function eventNameAnywhere(w: Writer, id: string): string {
  for (const room of w.world.rooms.keys()) {
    const name = w.eventName(room, id);
    if (!name.startsWith("?")) return name;
  }
  return `?${id}`;
}

/** Serialises `world` under one renaming, in full (for exact state sets and tests). */
export function serializeWorld(world: World, renaming: Renaming): string {
  return components(world, renaming, new Caches(true))
    .map((c) => c.text)
    .join("\n");
}

/** A world's canonical form: its fingerprint, and (exact mode) its text. */
export interface CanonicalForm {
  readonly h1: number;
  readonly h2: number;
  /** Present only when the canonicalizer keeps texts. */
  readonly text?: string;
}

/** Computes canonical forms of worlds under one symmetry group, caching components. */
export class Canonicalizer {
  private readonly caches: Caches;

  /** `exact`: compare full texts (and return them) instead of fingerprints. */
  constructor(
    private readonly symmetry: Symmetry,
    private readonly exact = false,
  ) {
    this.caches = new Caches(exact);
  }

  /** Forgets cached components of objects not used since the last call (call once per level). */
  age(): void {
    this.caches.age();
  }

  /** The canonical form: the least serialisation (or fingerprint) over every renaming of the world. */
  canonical(world: World): CanonicalForm {
    let best: CanonicalForm | undefined;
    for (const renaming of this.symmetry.renamingsOf(world)) {
      const parts = components(world, renaming, this.caches);
      const form = this.exact ? textForm(parts) : hashForm(parts);
      if (best === undefined || less(form, best)) best = form;
    }
    return best ?? { h1: 0, h2: 0 };
  }
}

function textForm(parts: ReadonlyArray<Component>): CanonicalForm {
  const text = parts.map((c) => c.text).join("\n");
  const [h1, h2] = fingerprint(text);
  return { h1, h2, text };
}

/** Folds the components' fingerprints in order. */
function hashForm(parts: ReadonlyArray<Component>): CanonicalForm {
  let h1 = 0x243f6a88 ^ parts.length;
  let h2 = 0x13198a2e;
  for (const c of parts) {
    h1 = Math.imul(h1 ^ c.h1, 0x9e3779b1);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ c.h2, 0x85ebca77);
    h2 ^= h2 >>> 13;
    // Cross the lanes so that equal-h1 parts in another order still differ.
    h1 = (h1 + Math.imul(h2, 0x27d4eb2f)) | 0;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  return { h1: (h1 ^ (h1 >>> 13)) >>> 0, h2: (h2 ^ (h2 >>> 13)) >>> 0 };
}

function less(a: CanonicalForm, b: CanonicalForm): boolean {
  if (a.text !== undefined && b.text !== undefined) return a.text < b.text;
  return a.h1 < b.h1 || (a.h1 === b.h1 && a.h2 < b.h2);
}
