/**
 * Canonical keys of compact worlds: equal for two worlds exactly when the reference canonical
 * form (`explore/canonical.ts`) is equal, but built from small integers. Each interned part is
 * written once per renaming of the symmetry group and the text numbered; a world's key under a
 * renaming is then the numbers of its parts in the renamed order, with transactions labelled by
 * first appearance; its canonical key is the least over the renamings.
 *
 * Left out, as in the reference form: counters, timestamps, message IDs (messages are keyed by
 * position), transaction names (labels instead), results of dead transactions, verdict reasons
 * (free text naming what the guard names).
 *
 * @module
 */
import { type Finding, logItems, type Message, type PendingTxn, type World } from "@mimi-spec/machine";
import type { Renaming, Symmetry } from "../explore/symmetry.ts";
import { EVENTS_PER_ROOM } from "./layout.ts";
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

/** Keys compact worlds of one machine under one symmetry group. */
export class CompactKeys {
  /** Per renaming ID: part ID → number of its renamed text. */
  private readonly sliceTexts: Array<Map<number, number>> = [];
  private readonly messageTexts: Array<Map<number, number>> = [];
  private readonly pendingTexts: Array<Map<number, string>> = [];
  private readonly resultTexts: Array<Map<number, string>> = [];
  private readonly texts = new Map<string, number>();
  private readonly writers: RenamedWriter[] = [];
  private readonly roomsProbe = new Map<string, World>();

  constructor(
    private readonly machine: CompactMachine,
    private readonly symmetry: Symmetry,
  ) {}

  /** The canonical key of `world`: the least key over the renamings that apply to it. */
  key(world: CompactWorld): string {
    let best: string | undefined;
    for (const renaming of this.renamingsOf(world)) {
      const key = this.keyUnder(world, renaming);
      if (best === undefined || key < best) best = key;
    }
    return best ?? "";
  }

  /** The renamings of the world's rooms (the symmetry group is built from the rooms that exist). */
  private renamingsOf(world: CompactWorld): ReadonlyArray<Renaming> {
    const { layout } = this.machine;
    let signature = "";
    for (let slot = 0; slot < layout.slotCount; slot++) {
      const hub = layout.slotHub[slot] as number;
      if (this.machine.slice(world.slices[hub * layout.slotCount + slot] ?? 0).replica !== undefined)
        signature += `${slot},`;
    }
    let probe = this.roomsProbe.get(signature);
    if (probe === undefined) {
      const rooms = new Map<never, never>();
      for (const slot of signature.split(",").filter((s) => s !== ""))
        rooms.set(layout.slotRooms[Number(slot)] as never, layout.servers[layout.slotHub[Number(slot)] as number] as never);
      probe = { rooms } as unknown as World;
      this.roomsProbe.set(signature, probe);
    }
    return this.symmetry.renamingsOf(probe);
  }

  private number(text: string): number {
    let n = this.texts.get(text);
    if (n === undefined) {
      // 0 stands for the empty part.
      n = this.texts.size + 1;
      this.texts.set(text, n);
    }
    return n;
  }

  private writer(renaming: Renaming): RenamedWriter {
    let writer = this.writers[renaming.id];
    if (writer === undefined) {
      const labels = this.machine.layout.slotRooms.map((room, slot) => renaming.rooms.get(room) ?? `?${slot}`);
      writer = new RenamedWriter(renaming, labels);
      this.writers[renaming.id] = writer;
    }
    return writer;
  }

  private table<V>(tables: Array<Map<number, V>>, renaming: Renaming): Map<number, V> {
    let table = tables[renaming.id];
    if (table === undefined) {
      table = new Map();
      tables[renaming.id] = table;
    }
    return table;
  }

  private slice(id: number, renaming: Renaming): number {
    if (id === 0) return 0;
    const table = this.table(this.sliceTexts, renaming);
    let n = table.get(id);
    if (n === undefined) {
      const slice = this.machine.slice(id);
      const w = this.writer(renaming);
      const replica = slice.replica === undefined ? "~" : w.value(logItems(slice.replica.history));
      const buffered = slice.buffered === undefined ? "~" : slice.buffered.map((e) => w.value(e)).sort().join(",");
      // A preview is derived from its inputs (and shows names made from user IDs, which a
      // renaming does not touch): left out, as the reference form leaves it out.
      const invites = slice.invites
        .map(({ preview: _preview, ...record }) => w.value(record))
        .sort()
        .join(";");
      n = this.number(`S${replica}|${buffered}|${invites}|${w.value(slice.directory)}`);
      table.set(id, n);
    }
    return n;
  }

  /** A message without its transaction. */
  private message(id: number, renaming: Renaming): number {
    const table = this.table(this.messageTexts, renaming);
    let n = table.get(id);
    if (n === undefined) {
      const { txn: _txn, ...rest } = this.machine.messages.value(id) as Message & { txn?: string };
      n = this.number(`M${this.writer(renaming).value(rest)}`);
      table.set(id, n);
    }
    return n;
  }

  private pending(id: number, renaming: Renaming): string {
    const table = this.table(this.pendingTexts, renaming);
    let text = table.get(id);
    if (text === undefined) {
      const { txn: _txn, ...rest } = this.machine.pendings.value(id) as PendingTxn;
      text = this.writer(renaming).value(rest);
      table.set(id, text);
    }
    return text;
  }

  private result(id: number, renaming: Renaming): string {
    const table = this.table(this.resultTexts, renaming);
    let text = table.get(id);
    if (text === undefined) {
      text = this.writer(renaming).value(this.machine.resultEntries.value(id).result);
      table.set(id, text);
    }
    return text;
  }

  private keyUnder(world: CompactWorld, renaming: Renaming): string {
    const { layout } = this.machine;
    const labels = new Map<string, string>();
    const counts = new Map<string, number>();
    const label = (origin: string, txn: string): string => {
      const key = `${origin} ${txn}`;
      let found = labels.get(key);
      if (found === undefined) {
        const n = counts.get(origin) ?? 0;
        counts.set(origin, n + 1);
        found = `${n}`;
        labels.set(key, found);
      }
      return found;
    };
    const parts: string[] = [];
    for (const id of world.messages) {
      const m = this.machine.messages.value(id);
      let txn = "";
      if (m.kind === "submit") txn = label(m.from, m.txn);
      else if (m.kind === "result") {
        const to = layout.serverIndex.get(m.to) as number;
        const waits = (world.pending[to] ?? []).some((p) => this.machine.pendings.value(p).txn === m.txn);
        txn = waits ? label(m.to, m.txn) : "-";
      }
      parts.push(`${this.message(id, renaming)}${txn}`);
    }
    parts.push("|");
    // Servers in label order; each server's rooms in label order.
    const slotOrder = this.slotOrder(renaming);
    for (const [, name] of renaming.serverOrder) {
      const s = layout.serverIndex.get(name) as number;
      for (const slot of slotOrder) parts.push(String(this.slice(world.slices[s * layout.slotCount + slot] ?? 0, renaming)));
      const pending = world.pending[s] ?? [];
      if (pending.length > 0) {
        const rows = pending
          .map((id) => {
            const p = this.machine.pendings.value(id);
            return { txn: p.txn, number: Number(p.txn.slice(1)), text: this.pending(id, renaming) };
          })
          .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.number - b.number));
        parts.push(`Q${rows.map((r) => `${label(name, r.txn)}:${r.text}`).sort().join(";")}`);
      }
      parts.push("/");
    }
    // Results of live transactions only: a dead one can never be asked for again.
    const results: string[] = [];
    for (const [key, txnLabel] of labels) {
      const space = key.indexOf(" ");
      const origin = key.slice(0, space);
      const txn = key.slice(space + 1);
      const o = layout.serverIndex.get(origin) as number;
      const waiting = (world.pending[o] ?? []).map((p) => this.machine.pendings.value(p)).find((p) => p.txn === txn);
      layout.servers.forEach((hub, h) => {
        if (waiting !== undefined && waiting.to !== hub) return;
        for (const id of world.results[h] ?? [])
          if (this.machine.resultEntries.value(id).key === key)
            results.push(`${renaming.servers.get(hub)}<${renaming.servers.get(origin)} ${txnLabel}|${this.result(id, renaming)}`);
      });
    }
    parts.push(`T${results.sort().join(";")}`);
    if (world.findings.length > 0) parts.push(`F${this.findings(world.findings, renaming)}`);
    return parts.join(" ");
  }

  private findings(findings: ReadonlyArray<Finding>, renaming: Renaming): string {
    const w = this.writer(renaming);
    return findings
      .map((f) => `${w.string(f.server)}|${w.string(f.room)}|${w.string(f.eventId)}|${f.guard}`)
      .sort()
      .join(";");
  }

  /** The slots in the order of their labels under `renaming` (rooms not created last, in slot order). */
  private slotOrder(renaming: Renaming): number[] {
    const slots = this.machine.layout.slotRooms.map((room, slot) => ({ slot, label: renaming.rooms.get(room) }));
    return slots
      .sort((a, b) =>
        a.label === undefined
          ? b.label === undefined
            ? a.slot - b.slot
            : 1
          : b.label === undefined
            ? -1
            : a.label < b.label
              ? -1
              : a.label > b.label
                ? 1
                : 0,
      )
      .map((s) => s.slot);
  }
}
