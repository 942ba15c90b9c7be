/**
 * Canonical keys of compact worlds: equal for two worlds exactly when the reference canonical
 * form (`explore/canonical.ts`) is equal, but built from small integers. Each interned part is
 * written once per renaming of the symmetry group and the text numbered; a world's key under a
 * renaming is then a sequence of integers (the numbers of its parts in the renamed order, with
 * transactions labelled by first appearance); its canonical key is the least sequence over the
 * renamings, found while writing them (see `least-sequence.ts`), and given as text (exact state
 * sets) or as a 64-bit fingerprint (the default).
 *
 * Which renaming gives the least sequence is of no consequence: any encoding that is one-to-one
 * on renamed worlds gives the same classes of equal keys. So sets (pending transactions, results,
 * findings, buffered events) are written sorted by number, not by text, and the numbers of a
 * text depend only on the order texts were first seen.
 *
 * Left out, as in the reference form: counters, timestamps, message IDs (messages are keyed by
 * position), transaction names (labels instead), results of dead transactions, verdict reasons
 * (free text naming what the guard names).
 *
 * @module
 */
import {
  type Finding,
  type FullEvent,
  type InviteRecord,
  logItems,
  type Message,
  type PendingTxn,
  type Replica,
  type World,
} from "@mimi-spec/machine";
import type { Renaming, Symmetry } from "../explore/symmetry.ts";
import { EVENTS_PER_ROOM } from "./layout.ts";
import { DenseTable, LeastSequence } from "./least-sequence.ts";
import type { CompactMachine, CompactWorld } from "./machine.ts";

/** Writes JSON-like values under a renaming: user, server and room names and event IDs renamed. */
class RenamedWriter {
  constructor(
    private readonly renaming: Renaming,
    private readonly slotLabels: ReadonlyArray<string>,
  ) {}

  string(value: string): string {
    const renamed =
      this.renaming.users.get(value) ?? this.renaming.servers.get(value) ?? this.renaming.rooms.get(value);
    if (renamed !== undefined) return renamed;
    if (value.startsWith("$")) {
      const n = Number(value.slice(1));
      if (Number.isInteger(n) && n >= EVENTS_PER_ROOM) {
        const label = this.slotLabels[Math.floor(n / EVENTS_PER_ROOM) - 1];
        if (label !== undefined) return `${label}.${n % EVENTS_PER_ROOM}`;
      }
    }
    return JSON.stringify(value);
  }

  value(value: unknown, key = ""): string {
    if (value === undefined) return "~";
    if (typeof value === "string") return this.string(value);
    if (typeof value !== "object" || value === null) return String(value);
    if (Array.isArray(value)) {
      const items = value.map((v) => this.value(v));
      // Member lists are sets the machine sorts by (original) user ID.
      if (key === "members") items.sort();
      return `[${items.join(",")}]`;
    }
    if (value instanceof Map) {
      const items: string[] = [];
      for (const [k, v] of value) items.push(`${this.value(k)}=>${this.value(v)}`);
      return `<${items.sort().join(",")}>`;
    }
    const record = value as Record<string, unknown>;
    // A verdict is written as the canonical form writes it: its reason is free text.
    if (typeof record.accepted === "boolean" && Object.hasOwn(record, "accepted"))
      return record.accepted ? "A" : `R:${String(record.guard)}`;
    const entries: string[] = [];
    for (const k of Object.keys(record)) {
      if (k === "origin_server_ts") continue;
      const v = record[k];
      if (v === undefined) continue;
      entries.push(`${this.renaming.users.get(k) ?? JSON.stringify(k)}:${this.value(v, k)}`);
    }
    return `{${entries.sort().join(",")}}`;
  }
}

/** What a message in flight contributes to transaction labels (the same under every renaming). */
interface MessageTxn {
  /** 0: names no transaction; 1: a submission (by `server`); 2: a result (for `server`). */
  readonly kind: 0 | 1 | 2;
  /** Server index: the origin of the transaction. */
  readonly server: number;
  /** The transaction's code (see `CompactKeys.txnCode`). */
  readonly txn: number;
}

/** A pending transaction's name and hub. */
interface PendingTxnInfo {
  readonly txn: number;
  /** Its number, which orders pending transactions with equal texts (as the reference form does). */
  readonly order: number;
  /** Server index of its hub (-2 when outside the scope). */
  readonly to: number;
}

/** Which transaction a hub's result answers. */
interface ResultTxn {
  /** Server index of the origin (-1 when outside the scope). */
  readonly origin: number;
  readonly txn: number;
}

/** One renaming, with everything a key needs of it precomputed, and its part numbers. */
interface RenamingView {
  readonly writer: RenamedWriter;
  /** Server indices in label order. */
  readonly serverOrder: Int32Array;
  /** Server index → its position in label order. */
  readonly serverRank: Int32Array;
  /** Indices into a world's parts: servers in label order, each server's slots in label order. */
  readonly sliceOrder: Int32Array;
  /** This renaming's place among the renamings of its group, and how many they are. */
  readonly index: number;
  readonly stride: number;
  /**
   * Part ID · stride + index → number of its renamed text (0: not written yet). Shared by the
   * renamings of a group, so that a part's numbers under all of them are read from one place.
   */
  readonly slices: DenseTable;
  readonly messages: DenseTable;
  readonly pendings: DenseTable;
  /** Result entry ID → number of its renamed text. */
  readonly results: DenseTable;
  readonly findings: Map<Finding, number>;
  /** Kept objects (events, replicas, invite records) → number of their renamed text. */
  readonly parts: Map<object, number>;
}

/** Sorts `values[0 … n)` in place (insertion sort: the lists are a handful long). */
function sortPrefix(values: number[], n: number): void {
  for (let i = 1; i < n; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
}

/** Keys compact worlds of one machine under one symmetry group. */
export class CompactKeys {
  private readonly texts = new Map<string, number>();
  private readonly txnCodes = new Map<string, number>();
  /** Per set of created rooms (a bit per slot whose hub holds a replica): its renamings. */
  private readonly viewsBySlots: Array<ReadonlyArray<RenamingView> | undefined> = [];
  /** Per part ID: 2 when it holds a replica, 1 when not (0: not looked at yet). */
  private readonly hasReplica = new DenseTable();
  private readonly messageTxns: Array<MessageTxn | undefined> = [];
  private readonly pendingTxns: Array<PendingTxnInfo | undefined> = [];
  private readonly resultTxns: Array<ResultTxn | undefined> = [];
  private readonly least = new LeastSequence();
  // Scratch state of the key being written, reused across calls.
  /** Labelled transactions, in order of labelling: origin, transaction code, label. */
  private readonly labelOrigin: number[] = [];
  private readonly labelTxn: number[] = [];
  private readonly labelValue: number[] = [];
  private labelCount = 0;
  /** Per origin server: how many of its transactions have labels. */
  private readonly originLabels: Int32Array;
  private readonly rows: number[] = [];
  private readonly rowTxn: number[] = [];
  private readonly rowOrder: number[] = [];
  private readonly tuples: number[] = [];
  private readonly order: number[] = [];

  constructor(
    private readonly machine: CompactMachine,
    private readonly symmetry: Symmetry,
  ) {
    this.originLabels = new Int32Array(machine.layout.servers.length);
  }

  /** The canonical key of `world`: the least key over the renamings that apply to it. */
  key(world: CompactWorld): string {
    this.findLeast(world);
    return this.least.text();
  }

  /**
   * A 64-bit fingerprint of the canonical key of `world`: equal for equal keys, and different
   * keys collide with probability about 2⁻⁶⁴ (what `explore` stores when states are not exact).
   */
  fingerprint(world: CompactWorld): readonly [number, number] {
    this.findLeast(world);
    return this.least.fingerprint();
  }

  private findLeast(world: CompactWorld): void {
    this.least.reset();
    for (const view of this.viewsOf(world)) this.writeKey(world, view);
  }

  /** The renamings of the world's rooms (the symmetry group is built from the rooms that exist). */
  private viewsOf(world: CompactWorld): ReadonlyArray<RenamingView> {
    const { layout } = this.machine;
    const slotCount = layout.slotCount;
    const slices = world.slices;
    let created = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      const id = slices[(layout.slotHub[slot] as number) * slotCount + slot] as number;
      if (id === 0) continue;
      let hasReplica = this.hasReplica.get(id);
      if (hasReplica === 0) {
        hasReplica = this.machine.slice(id).replica === undefined ? 1 : 2;
        this.hasReplica.set(id, hasReplica);
      }
      if (hasReplica === 2) created += 2 ** slot;
    }
    return this.viewsBySlots[created] ?? this.makeViews(created);
  }

  private makeViews(created: number): ReadonlyArray<RenamingView> {
    const { layout } = this.machine;
    const rooms = new Map<never, never>();
    for (let slot = 0; slot < layout.slotCount; slot++)
      if (Math.floor(created / 2 ** slot) % 2 === 1)
        rooms.set(layout.slotRooms[slot] as never, layout.servers[layout.slotHub[slot] as number] as never);
    const renamings = this.symmetry.renamingsOf({ rooms } as unknown as World);
    // One table per kind of part for the group, a part's numbers under its renamings side by side.
    const tables = { slices: new DenseTable(), messages: new DenseTable(), pendings: new DenseTable() };
    const views = renamings.map((renaming, index): RenamingView => {
      const labels = layout.slotRooms.map((room, slot) => renaming.rooms.get(room) ?? `?${slot}`);
      const serverOrder = Int32Array.from(
        renaming.serverOrder,
        ([, name]) => layout.serverIndex.get(name) as number,
      );
      const slotOrder = this.slotOrder(renaming);
      const serverRank = new Int32Array(layout.servers.length);
      serverOrder.forEach((s, rank) => {
        serverRank[s] = rank;
      });
      return {
        writer: new RenamedWriter(renaming, labels),
        serverOrder,
        serverRank,
        sliceOrder: Int32Array.from(
          [...serverOrder].flatMap((s) => slotOrder.map((slot) => s * layout.slotCount + slot)),
        ),
        index,
        stride: renamings.length,
        ...tables,
        results: new DenseTable(),
        findings: new Map(),
        parts: new Map(),
      };
    });
    this.viewsBySlots[created] = views;
    return views;
  }

  /** The slots in the order of their labels under `renaming` (rooms not created last, in slot order). */
  private slotOrder(renaming: Renaming): number[] {
    const slots = this.machine.layout.slotRooms.map((room, slot) => ({
      slot,
      label: renaming.rooms.get(room),
    }));
    return slots
      .sort((a, b) => {
        if (a.label === b.label) return a.slot - b.slot;
        if (a.label === undefined) return 1;
        if (b.label === undefined) return -1;
        return a.label < b.label ? -1 : 1;
      })
      .map((s) => s.slot);
  }

  private number(text: string): number {
    let n = this.texts.get(text);
    if (n === undefined) {
      // 0 stands for the empty part (and for "not written yet" in the tables).
      n = this.texts.size + 1;
      this.texts.set(text, n);
    }
    return n;
  }

  /** A transaction name as a number (equal names, equal numbers). */
  private txnCode(txn: string): number {
    let n = this.txnCodes.get(txn);
    if (n === undefined) {
      n = this.txnCodes.size + 1;
      this.txnCodes.set(txn, n);
    }
    return n;
  }

  private serverIndex(name: string, missing: number): number {
    return this.machine.layout.serverIndex.get(name) ?? missing;
  }

  private messageTxn(id: number): MessageTxn {
    let info = this.messageTxns[id];
    if (info === undefined) {
      const m = this.machine.messages.value(id);
      info =
        m.kind === "submit"
          ? { kind: 1, server: this.serverIndex(m.from, -1), txn: this.txnCode(m.txn) }
          : m.kind === "result"
            ? { kind: 2, server: this.serverIndex(m.to, -1), txn: this.txnCode(m.txn) }
            : { kind: 0, server: -1, txn: 0 };
      this.messageTxns[id] = info;
    }
    return info;
  }

  private pendingTxn(id: number): PendingTxnInfo {
    let info = this.pendingTxns[id];
    if (info === undefined) {
      const p = this.machine.pendings.value(id);
      info = { txn: this.txnCode(p.txn), order: Number(p.txn.slice(1)), to: this.serverIndex(p.to, -2) };
      this.pendingTxns[id] = info;
    }
    return info;
  }

  private resultTxn(id: number): ResultTxn {
    let info = this.resultTxns[id];
    if (info === undefined) {
      const { key } = this.machine.resultEntries.value(id);
      const space = key.indexOf(" ");
      info = { origin: this.serverIndex(key.slice(0, space), -1), txn: this.txnCode(key.slice(space + 1)) };
      this.resultTxns[id] = info;
    }
    return info;
  }

  private slice(id: number, view: RenamingView): number {
    if (id === 0) return 0;
    let n = view.slices.get(id * view.stride + view.index);
    if (n === 0) {
      const slice = this.machine.slice(id);
      const replica = slice.replica === undefined ? "~" : String(this.replica(slice.replica, view));
      const buffered =
        slice.buffered === undefined
          ? "~"
          : this.sortedNumbers(slice.buffered.map((e) => this.event(e, view)));
      const invites = this.sortedNumbers(slice.invites.map((r) => this.invite(r, view)));
      n = this.number(`S${replica}|${buffered}|${invites}|${view.writer.value(slice.directory)}`);
      view.slices.set(id * view.stride + view.index, n);
    }
    return n;
  }

  /** A replica: its history, in order (kept replicas are shared by many parts). */
  private replica(replica: Replica, view: RenamingView): number {
    let n = view.parts.get(replica);
    if (n === undefined) {
      let text = "H";
      for (const event of logItems(replica.history)) text += `${this.event(event, view)},`;
      n = this.number(text);
      view.parts.set(replica, n);
    }
    return n;
  }

  private event(event: FullEvent, view: RenamingView): number {
    let n = view.parts.get(event);
    if (n === undefined) {
      n = this.number(`E${view.writer.value(event)}`);
      view.parts.set(event, n);
    }
    return n;
  }

  private invite(record: InviteRecord, view: RenamingView): number {
    let n = view.parts.get(record);
    if (n === undefined) {
      // A preview is derived from its inputs (and shows names made from user IDs, which a
      // renaming does not touch): left out, as the reference form leaves it out.
      const { preview: _preview, ...rest } = record;
      n = this.number(`I${view.writer.value(rest)}`);
      view.parts.set(record, n);
    }
    return n;
  }

  /** Numbers of a set (or multiset) of texts, as one text that does not depend on their order. */
  private sortedNumbers(numbers: number[]): string {
    return numbers.sort((a, b) => a - b).join(",");
  }

  /** A message without its transaction. */
  private message(id: number, view: RenamingView): number {
    let n = view.messages.get(id * view.stride + view.index);
    if (n === 0) {
      const { txn: _txn, ...rest } = this.machine.messages.value(id) as Message & { txn?: string };
      n = this.number(`M${view.writer.value(rest)}`);
      view.messages.set(id * view.stride + view.index, n);
    }
    return n;
  }

  /** A pending transaction without its name. */
  private pending(id: number, view: RenamingView): number {
    let n = view.pendings.get(id * view.stride + view.index);
    if (n === 0) {
      const { txn: _txn, ...rest } = this.machine.pendings.value(id) as PendingTxn;
      n = this.number(`P${view.writer.value(rest)}`);
      view.pendings.set(id * view.stride + view.index, n);
    }
    return n;
  }

  private result(id: number, view: RenamingView): number {
    let n = view.results.get(id);
    if (n === 0) {
      n = this.number(`R${view.writer.value(this.machine.resultEntries.value(id).result)}`);
      view.results.set(id, n);
    }
    return n;
  }

  private finding(finding: Finding, view: RenamingView): number {
    let n = view.findings.get(finding);
    if (n === undefined) {
      const w = view.writer;
      n = this.number(
        `F${w.string(finding.server)}|${w.string(finding.room)}|${w.string(finding.eventId)}|${finding.guard}`,
      );
      view.findings.set(finding, n);
    }
    return n;
  }

  /** The label of transaction `txn` of origin `origin`, given on first appearance (per origin, from 0). */
  private label(origin: number, txn: number): number {
    for (let i = 0; i < this.labelCount; i++)
      if (this.labelTxn[i] === txn && this.labelOrigin[i] === origin) return this.labelValue[i] as number;
    const label = this.originLabels[origin] as number;
    this.originLabels[origin] = label + 1;
    this.labelOrigin[this.labelCount] = origin;
    this.labelTxn[this.labelCount] = txn;
    this.labelValue[this.labelCount] = label;
    this.labelCount++;
    return label;
  }

  /** The hub server `origin` waits on for transaction `txn`: -1 when it does not wait for it. */
  private waitingHub(world: CompactWorld, origin: number, txn: number): number {
    for (const id of world.pending[origin] ?? []) {
      const p = this.pendingTxn(id);
      if (p.txn === txn) return p.to;
    }
    return -1;
  }

  /**
   * Writes the key of `world` under one renaming as a candidate for the least, stopping as soon
   * as it is greater. The key, every field a count or of fixed width (so no key is a prefix of
   * another): the messages in flight (each its number and transaction tag: 0 none, 1 a result
   * its origin no longer waits for, 2 + label); per server in label order, its parts in slot
   * label order and its pending transactions (label and number, by label); the results of live
   * transactions (hub, origin, label, number); the findings.
   */
  private writeKey(world: CompactWorld, view: RenamingView): void {
    const least = this.least;
    least.begin();
    if (this.labelCount > 0) {
      this.labelCount = 0;
      this.originLabels.fill(0);
    }
    const messages = world.messages;
    if (!least.push(messages.length)) return;
    for (const id of messages) {
      const m = this.messageTxn(id);
      let tag = 0;
      if (m.kind === 1) tag = 2 + this.label(m.server, m.txn);
      // A result names a transaction only while its origin waits for it (else it is ignored).
      else if (m.kind === 2)
        tag = this.waitingHub(world, m.server, m.txn) === -1 ? 1 : 2 + this.label(m.server, m.txn);
      if (!least.push(this.message(id, view)) || !least.push(tag)) return;
    }
    const slices = world.slices;
    const sliceOrder = view.sliceOrder;
    for (let i = 0; i < sliceOrder.length; i++)
      if (!least.push(this.slice(slices[sliceOrder[i] as number] as number, view))) return;
    const { rows, rowTxn, rowOrder, order } = this;
    for (const s of view.serverOrder) {
      const pending = world.pending[s] ?? [];
      const n = pending.length;
      if (!least.push(n)) return;
      if (n === 0) continue;
      // Transactions no message named yet get labels in text order (then by number).
      for (let i = 0; i < n; i++) {
        const id = pending[i] as number;
        const p = this.pendingTxn(id);
        rows[i] = this.pending(id, view);
        rowTxn[i] = p.txn;
        rowOrder[i] = p.order;
        order[i] = i;
      }
      for (let i = 1; i < n; i++) {
        const k = order[i] as number;
        let j = i - 1;
        while (j >= 0) {
          const o = order[j] as number;
          const d =
            (rows[o] as number) - (rows[k] as number) || (rowOrder[o] as number) - (rowOrder[k] as number);
          if (d <= 0) break;
          order[j + 1] = o;
          j--;
        }
        order[j + 1] = k;
      }
      // Then written by label: a label and the pending transaction's number, packed.
      const labelled = this.tuples;
      for (let i = 0; i < n; i++) {
        const k = order[i] as number;
        labelled[i] = this.label(s, rowTxn[k] as number) * 2 ** 31 + (rows[k] as number);
      }
      sortPrefix(labelled, n);
      for (let i = 0; i < n; i++) {
        const packed = labelled[i] as number;
        const label = Math.floor(packed / 2 ** 31);
        if (!least.push(label) || !least.push(packed - label * 2 ** 31)) return;
      }
    }
    if (!this.writeResults(world, view)) return;
    const findings = world.findings;
    if (!least.push(findings.length)) return;
    if (findings.length > 0) {
      const numbers = this.rows;
      for (let i = 0; i < findings.length; i++) numbers[i] = this.finding(findings[i] as Finding, view);
      sortPrefix(numbers, findings.length);
      for (let i = 0; i < findings.length; i++) if (!least.push(numbers[i] as number)) return;
    }
    least.end();
  }

  /** Results of live transactions only: a dead one can never be asked for again. */
  private writeResults(world: CompactWorld, view: RenamingView): boolean {
    const least = this.least;
    const servers = this.machine.layout.servers.length;
    // (hub rank, origin rank, label, result number) per result, packed into one sortable number.
    const found = this.tuples;
    let count = 0;
    for (let k = 0; k < this.labelCount; k++) {
      const origin = this.labelOrigin[k] as number;
      const txn = this.labelTxn[k] as number;
      const label = this.labelValue[k] as number;
      const waiting = this.waitingHub(world, origin, txn);
      for (let h = 0; h < servers; h++) {
        if (waiting !== -1 && waiting !== h) continue;
        for (const id of world.results[h] ?? []) {
          const r = this.resultTxn(id);
          if (r.origin !== origin || r.txn !== txn) continue;
          if (label >= 1024)
            throw new Error("compact keys: more than 1024 transactions of one origin in a world");
          const head =
            ((view.serverRank[h] as number) * servers + (view.serverRank[origin] as number)) * 1024 + label;
          found[count++] = head * 2 ** 31 + this.result(id, view);
        }
      }
    }
    if (!least.push(count)) return false;
    sortPrefix(found, count);
    for (let i = 0; i < count; i++) {
      const packed = found[i] as number;
      const head = Math.floor(packed / 2 ** 31);
      if (!least.push(head) || !least.push(packed - head * 2 ** 31)) return false;
    }
    return true;
  }
}
