/**
 * The machine's invariants on compact worlds, answered by lookups of interned part IDs.
 *
 * What the invariants read (from their code in `@mimi-spec/machine`): `hub.emits-fully-formed`
 * alone reads the messages in flight, and of each message only the message itself and whether
 * its room has a hub (in a compact world a room's hub is fixed by its slot, and the room exists
 * exactly when the hub's part holds a replica). The others read the servers' replicas, invite
 * records, directories and profiles, the room index and the profile; none reads pending
 * transactions, counters, results, buffered events or findings, and profiles are empty in every
 * decoded world (the compact machine refuses `set-profile`). So they are a function of the
 * `slices` array, and each is a walk that reports its first violation, walking one part at a time
 * in a fixed order (servers, then slots, as `decode` builds them). A world's answer is therefore
 * the first answer of its parts in that order:
 *
 * - per part (server, slot): the per-replica invariants and the invite previews, asked of the
 *   world holding that part alone;
 * - per part and its room's hub part: the invariants that compare a copy with the hub's copy,
 *   and the directory's chat types, asked of the world holding both parts;
 * - per room (its hub's part): the invariants that walk the rooms' hub replicas, and
 *   `hub.exactly-one` (whose walk over all copies finds nothing when every copy names its slot's
 *   room and hub);
 * - per pair of rooms: the DM and group-DM uniqueness invariants (see `hubPairsAnswer`).
 *
 * Every answer is the machine's own: its invariant, run on a world `decode` builds from a few
 * parts, cached by what each group reads of the parts (a part's replica, directory entry or
 * invite records; see `partView`), so a state costs a few lookups and a new part one small check.
 * A world reached in one step from a world that breaks none of them looks up only the answers
 * that read a part the step changed (`cleanAfter`).
 * Where the cut would not be exact (a copy naming another room or hub, or a hub part that itself
 * breaks a two-part invariant, which the two-part world would then report) the world is answered
 * whole. An invariant this module does not list is run on the whole decoded world.
 *
 * @module
 */
import { type Invariant, invariants, phas, type World } from "@mimi-spec/machine";
import {
  type FoundViolation,
  PER_HUB_ROOM,
  PER_REPLICA,
  PER_REPLICA_AND_HUB,
} from "../explore/invariant-check.ts";
import type { CompactMachine, CompactWorld } from "./machine.ts";

/** What of a part a group of invariants reads (besides the slot and server it sits at). */
const View = { Replica: 0, ReplicaAndDirectory: 1, ReplicaAndInvites: 2 } as const;
type View = (typeof View)[keyof typeof View];

/** The one invariant that reads the messages in flight. */
const IN_FLIGHT = "hub.emits-fully-formed";

/** Invariants that read one part at a time: one copy of a room, or one server's invite previews of it. */
const PER_PART: ReadonlySet<string> = new Set([
  ...PER_REPLICA,
  "preview.dm.sender-name",
  "preview.dm.sender-id",
  "preview.dm.sender-avatar",
  "preview.dm.first-message",
  "preview.dm.status-message",
  "preview.group-chat.name",
  "preview.group-dm.invitees",
  "preview.group-chat.members",
  "preview.avatar-by-owner",
]);

/** Invariants that read one part and its room's hub part (the hub's copy; the room's chat type). */
const PER_PART_AND_HUB: ReadonlySet<string> = new Set([...PER_REPLICA_AND_HUB, "group-dm.never-becomes-dm"]);

/** Invariants that read one room's hub part (and profiles, which `users.id-unique` reads, are empty). */
const PER_ROOM: ReadonlySet<string> = new Set([...PER_HUB_ROOM, "users.id-unique", "hub.exactly-one"]);

/** Invariants that compare the rooms' hub parts with one another. */
const PER_ROOM_PAIR: ReadonlySet<string> = new Set(["dm.unique-per-pair", "group-dm.unique-per-member-set"]);

/** The answers of a group of invariants about one part (aligned with the group), or `null` when none is violated. */
type Answers = ReadonlyArray<string | undefined> | null;

/** A part's two-part answers, or a note that its hub's part breaks them alone (the cut is not exact). */
type PairAnswers = Answers | "inexact";

/** A group of invariants answered together, with their places in the machine's order. */
interface Group {
  readonly invariants: ReadonlyArray<Invariant>;
  readonly order: ReadonlyArray<number>;
}

function group(ids: ReadonlySet<string>): Group {
  const order: number[] = [];
  invariants.forEach((invariant, i) => {
    if (ids.has(invariant.id)) order.push(i);
  });
  return { invariants: order.map((i) => invariants[i] as Invariant), order };
}

/** Runs a group's invariants on `world`. */
function ask(g: Group, world: World): Answers {
  let out: Array<string | undefined> | null = null;
  for (let i = 0; i < g.invariants.length; i++) {
    const message = (g.invariants[i] as Invariant).check(world);
    if (message === undefined) continue;
    out ??= new Array<string | undefined>(g.invariants.length).fill(undefined);
    out[i] = message;
  }
  return out;
}

const NONE: ReadonlyArray<FoundViolation> = Object.freeze([]);

/** What one message in flight gives `hub.emits-fully-formed`. */
interface MessageAnswers {
  /** The slot of the message's room, or -1 when no slot holds it (the room never exists). */
  readonly slot: number;
  /** The machine's answer with the message at position `i + 1` and its room existing (`false`: none; a hole: not asked yet). */
  readonly byPosition: Array<string | false>;
}

/**
 * Checks the worlds of one compact machine against every machine invariant: the violations
 * `violations(machine.decode(world))` gives, with the same messages, from cached answers.
 */
export class CompactInvariantChecker {
  private readonly perPart = group(PER_PART);
  private readonly perPartAndHub = group(PER_PART_AND_HUB);
  private readonly perRoom = group(PER_ROOM);
  private readonly perRoomPair = group(PER_ROOM_PAIR);
  private readonly inFlight = group(new Set([IN_FLIGHT]));
  /** Invariants in none of the groups, run on the whole decoded world. */
  private readonly unlisted: Group;
  private readonly servers: number;
  private readonly slotCount: number;
  /** Per server, by the part's replica-and-invites view. */
  private readonly partAnswers: Array<Array<Answers | undefined>>;
  /** Per server, by the copy's replica-and-directory view, then by the hub part's replica view. */
  private readonly pairAnswers: Array<Array<Map<number, Answers> | undefined>>;
  /** Per server, by the hub part's replica-and-directory view: its answers to the two-part invariants on its own. */
  private readonly hubPairAnswers: Array<Array<Answers | undefined>>;
  /** Per slot, by the hub part's replica view. */
  private readonly roomAnswers: Array<Array<Answers | undefined>>;
  /** Per slot, per part ID: whether the part's copy (if any) names the slot's room and hub. */
  private readonly regular: Array<Array<boolean | undefined>>;
  /** Per slot, per hub part ID: its class for the uniqueness invariants (see `uniquenessClass`). */
  private readonly classOfPart: number[][];
  private readonly classIds = new Map<string, number>();
  /** Per class, a (slot, hub part) of it. */
  private readonly classParts: Array<readonly [number, number]> = [];
  /** The uniqueness answers of two rooms, by the earlier room's class, then the later room's. */
  private readonly roomPairAnswers: Array<Answers[] | undefined> = [];
  private readonly byMessage: MessageAnswers[] = [];
  private empty: World | undefined;
  /** Scratch of `violations`: the message found so far per invariant (machine order), and which are set. */
  private readonly found: Array<string | undefined>;
  private readonly touched: number[] = [];
  /** Scratch of `fromParts`: each part's two-part answers. */
  private readonly pairScratch: Answers[] = [];
  /** Scratch of `hubPairsAnswer`: each slot's uniqueness class. */
  private readonly roomClasses: number[] = [];
  /**
   * Whether the last world asked about was found, part by part, to break no invariant about
   * parts: then its successors may be asked about with it as `cleanParent`.
   */
  lastClean = false;
  /** `partView` numbers of parts, per kind of view. */
  private readonly views: number[][] = [[], [], []];
  private readonly viewNumbers = new Map<string, number>();
  private readonly objectNumbers = new Map<object, number>();
  /** Small worlds the machine's invariants were run on: one per part (or pair of parts, room, pair of rooms, message) not seen before. */
  partWorlds = 0;
  /** Worlds answered whole because cutting them into parts would not be exact. */
  wholeWorlds = 0;

  /** A checker for the worlds of `machine` (its profile is the one the answers assume). */
  constructor(private readonly machine: CompactMachine) {
    const listed = new Set([...PER_PART, ...PER_PART_AND_HUB, ...PER_ROOM, ...PER_ROOM_PAIR, IN_FLIGHT]);
    this.unlisted = group(new Set(invariants.map((i) => i.id).filter((id) => !listed.has(id))));
    this.servers = machine.layout.servers.length;
    this.slotCount = machine.layout.slotCount;
    this.partAnswers = Array.from({ length: this.servers }, () => []);
    this.pairAnswers = Array.from({ length: this.servers }, () => []);
    this.hubPairAnswers = Array.from({ length: this.servers }, () => []);
    this.roomAnswers = Array.from({ length: this.slotCount }, () => []);
    this.regular = Array.from({ length: this.slotCount }, () => []);
    this.classOfPart = Array.from({ length: this.slotCount }, () => []);
    this.found = new Array<string | undefined>(invariants.length).fill(undefined);
  }

  /** Every violated invariant of `world`, in the machine's order: what `violations(machine.decode(world))` gives. */
  violations(world: CompactWorld, cleanParent?: CompactWorld): ReadonlyArray<FoundViolation> {
    const slices = world.slices;
    // A step changes a part or two: when the world it came from broke none of the invariants
    // about parts (the caller passes it only then), only the answers that read a changed part
    // need looking up.
    this.lastClean = cleanParent !== undefined && this.cleanAfter(slices, cleanParent.slices);
    if (!this.lastClean) {
      if (!this.fromParts(slices)) this.fromWhole(slices);
      else this.lastClean = this.touched.length === 0;
    }
    if (world.messages.length > 0) this.note(this.inFlight, this.inFlightAnswer(world));
    if (this.unlisted.invariants.length > 0)
      this.note(this.unlisted, ask(this.unlisted, this.machine.decode(world)));
    if (this.touched.length === 0) return NONE;
    this.touched.sort((a, b) => a - b);
    const out: FoundViolation[] = [];
    for (const at of this.touched) {
      out.push({ invariant: (invariants[at] as Invariant).id, message: this.found[at] as string });
      this.found[at] = undefined;
    }
    this.touched.length = 0;
    return out;
  }

  /**
   * Whether the invariants about parts all hold in `slices`, given that they all hold (answered
   * part by part) in `before`: the answers that read a changed part are all "none".
   */
  private cleanAfter(slices: ReadonlyArray<number>, before: ReadonlyArray<number>): boolean {
    const { slotHub } = this.machine.layout;
    const n = this.slotCount;
    let hubChanged = false;
    for (let at = 0; at < slices.length; at++) {
      const part = slices[at] ?? 0;
      if (part === before[at]) continue;
      const slot = at % n;
      const hubAt = (slotHub[slot] as number) * n + slot;
      if (!this.isRegular(slot, part)) return false;
      if (this.partAnswer(slices, at) !== null) return false;
      if (this.pairAnswer(slices, at, hubAt) !== null) return false;
      if (at !== hubAt) continue;
      hubChanged = true;
      if (this.roomAnswer(slices, slot) !== null) return false;
      for (let other = slot; other < slices.length; other += n)
        if (other !== hubAt && this.pairAnswer(slices, other, hubAt) !== null) return false;
    }
    return !hubChanged || this.hubPairsAnswer(slices) === null;
  }

  /** Keeps the first message of each invariant of `g` (walks are noted in their order). */
  private note(g: Group, answers: Answers): void {
    if (answers === null) return;
    for (let i = 0; i < answers.length; i++) {
      const message = answers[i];
      if (message === undefined) continue;
      const at = g.order[i] as number;
      if (this.found[at] !== undefined) continue;
      this.found[at] = message;
      this.touched.push(at);
    }
  }

  /** Notes the answers of every part of `slices`; false (noting nothing) when the cut would not be exact. */
  private fromParts(slices: ReadonlyArray<number>): boolean {
    const { slotHub } = this.machine.layout;
    const n = this.slotCount;
    for (let at = 0; at < slices.length; at++) if (!this.isRegular(at % n, slices[at] ?? 0)) return false;
    // Two-part answers first: one of them may find the cut inexact before anything is noted.
    const pairs = this.pairScratch;
    for (let at = 0; at < slices.length; at++) {
      const slot = at % n;
      const answers = this.pairAnswer(slices, at, (slotHub[slot] as number) * n + slot);
      if (answers === "inexact") return false;
      pairs[at] = answers;
    }
    for (let at = 0; at < slices.length; at++) {
      this.note(this.perPart, this.partAnswer(slices, at));
      this.note(this.perPartAndHub, pairs[at] ?? null);
    }
    for (let slot = 0; slot < n; slot++) this.note(this.perRoom, this.roomAnswer(slices, slot));
    this.note(this.perRoomPair, this.hubPairsAnswer(slices));
    return true;
  }

  /** Notes the answers of the listed invariants on the whole world of `slices`. */
  private fromWhole(slices: ReadonlyArray<number>): void {
    this.wholeWorlds++;
    const world = this.partsWorld(slices);
    for (const g of [this.perPart, this.perPartAndHub, this.perRoom, this.perRoomPair])
      this.note(g, ask(g, world));
  }

  /** The decoded world of these parts alone (no messages, transactions or findings). */
  private partsWorld(slices: ReadonlyArray<number>): World {
    return this.machine.decodeParts(slices);
  }

  /** The decoded world holding only the parts of `slices` at `places` (`server · slotCount + slot`). */
  private cutWorld(slices: ReadonlyArray<number>, places: ReadonlyArray<number>): World {
    this.partWorlds++;
    const cut = new Array<number>(slices.length).fill(0);
    for (const at of places) cut[at] = slices[at] ?? 0;
    return this.partsWorld(cut);
  }

  /** Whether `part`'s copy, if it has one, names the room and hub of `slot` (then cuts are exact). */
  private isRegular(slot: number, part: number): boolean {
    const bySlot = this.regular[slot] as Array<boolean | undefined>;
    let regular = bySlot[part];
    if (regular === undefined) {
      const { layout } = this.machine;
      const replica = this.machine.slice(part).replica;
      regular =
        replica === undefined ||
        (replica.roomId === layout.slotRooms[slot] &&
          replica.hub === layout.servers[layout.slotHub[slot] as number]);
      bySlot[part] = regular;
    }
    return regular;
  }

  private partAnswer(slices: ReadonlyArray<number>, at: number): Answers {
    // These read a copy's replica and its server's invite records (and previews) of the room.
    const part = this.partView(slices[at] ?? 0, View.ReplicaAndInvites);
    const byPart = this.partAnswers[Math.floor(at / this.slotCount)] as Array<Answers | undefined>;
    let answers = byPart[part];
    if (answers === undefined) {
      answers = ask(this.perPart, this.cutWorld(slices, [at]));
      byPart[part] = answers;
    }
    return answers;
  }

  /**
   * The part's answers to the invariants that also read its room's hub part, from the world of
   * both parts. That world's walk visits the hub's part too, so they are the part's own only
   * when the hub's part breaks none of them by itself ("inexact" otherwise).
   */
  private pairAnswer(slices: ReadonlyArray<number>, at: number, hubAt: number): PairAnswers {
    if (at === hubAt) {
      // Alone, the hub part is read for its replica and directory entry.
      const part = this.partView(slices[at] ?? 0, View.ReplicaAndDirectory);
      const byPart = this.hubPairAnswers[Math.floor(at / this.slotCount)] as Array<Answers | undefined>;
      let answers = byPart[part];
      if (answers === undefined) {
        answers = ask(this.perPartAndHub, this.cutWorld(slices, [at]));
        byPart[part] = answers;
      }
      return answers;
    }
    if (this.pairAnswer(slices, hubAt, hubAt) !== null) return "inexact";
    // With the hub part breaking none of them by itself, these invariants read only the copy's
    // replica and directory entry and the hub's replica: parts that differ elsewhere (invites,
    // buffered events) share their answers.
    const view = this.partView(slices[at] ?? 0, View.ReplicaAndDirectory);
    const hubView = this.partView(slices[hubAt] ?? 0, View.Replica);
    const byView = this.pairAnswers[Math.floor(at / this.slotCount)] as Array<
      Map<number, Answers> | undefined
    >;
    let byHub = byView[view];
    if (byHub === undefined) {
      byHub = new Map();
      byView[view] = byHub;
    }
    let answers = byHub.get(hubView);
    if (answers === undefined) {
      answers = ask(this.perPartAndHub, this.cutWorld(slices, [at, hubAt]));
      byHub.set(hubView, answers);
    }
    return answers;
  }

  /**
   * A number for what some invariants read of a part: its replica, and its directory entry or its
   * invite records. Parts that differ only elsewhere (buffered events, say) share their answers.
   */
  private partView(part: number, what: View): number {
    const table = this.views[what] as number[];
    let view = table[part];
    if (view === undefined) {
      const slice = this.machine.slice(part);
      let key = `${what}|${slice.replica === undefined ? "-" : this.objectNumber(slice.replica)}`;
      if (what === View.ReplicaAndDirectory && slice.directory !== undefined)
        key += `|${this.objectNumber(slice.directory)}`;
      if (what === View.ReplicaAndInvites)
        for (const record of slice.invites) key += `|${this.objectNumber(record)}`;
      let n = this.viewNumbers.get(key);
      if (n === undefined) {
        n = this.viewNumbers.size;
        this.viewNumbers.set(key, n);
      }
      view = n;
      table[part] = view;
    }
    return view;
  }

  /** A number per interned object (parts hold kept objects, so identity is equality). */
  private objectNumber(value: object): number {
    let n = this.objectNumbers.get(value);
    if (n === undefined) {
      n = this.objectNumbers.size;
      this.objectNumbers.set(value, n);
    }
    return n;
  }

  private roomAnswer(slices: ReadonlyArray<number>, slot: number): Answers {
    const hubAt = (this.machine.layout.slotHub[slot] as number) * this.slotCount + slot;
    // These invariants read the hub's replica alone.
    const hubPart = this.partView(slices[hubAt] ?? 0, View.Replica);
    const byPart = this.roomAnswers[slot] as Array<Answers | undefined>;
    let answers = byPart[hubPart];
    if (answers === undefined) {
      answers = ask(this.perRoom, this.cutWorld(slices, [hubAt]));
      byPart[hubPart] = answers;
    }
    return answers;
  }

  /**
   * The uniqueness invariants compare rooms, but pairwise: the walk reports the first room (in
   * slot order) sharing its member set with an earlier one, named with the first such earlier
   * room. That is the first pair (earlier, later), by later room then earlier room, whose
   * two-room world breaks the invariant, with that world's message.
   */
  private hubPairsAnswer(slices: ReadonlyArray<number>): Answers {
    const { slotHub } = this.machine.layout;
    const n = this.slotCount;
    const size = this.perRoomPair.invariants.length;
    const classes = this.roomClasses;
    for (let k = 0; k < n; k++)
      classes[k] = this.uniquenessClass(k, slices[(slotHub[k] as number) * n + k] ?? 0);
    let out: Array<string | undefined> | null = null;
    let open = size;
    for (let j = 1; j < n && open > 0; j++) {
      const cj = classes[j] as number;
      if (cj < 0) continue;
      for (let i = 0; i < j && open > 0; i++) {
        const ci = classes[i] as number;
        if (ci < 0) continue;
        const answers = this.roomPairAnswer(ci, cj);
        if (answers === null) continue;
        for (let v = 0; v < size; v++)
          if (answers[v] !== undefined && out?.[v] === undefined) {
            out ??= new Array<string | undefined>(size).fill(undefined);
            out[v] = answers[v];
            open--;
          }
      }
    }
    return out;
  }

  /**
   * The class of a hub part of `slot` for the uniqueness invariants, or -1 when the room does not
   * exist. Of a room they read only its name, chat type, fixed members and which of those ever
   * left, so the parts of one slot that agree on these get the same answers.
   */
  private uniquenessClass(slot: number, part: number): number {
    const bySlot = this.classOfPart[slot] as number[];
    let c = bySlot[part];
    if (c === undefined) {
      const state = this.machine.slice(part).replica?.state;
      if (state === undefined) c = -1;
      else {
        const members = state.fixedMembers?.map((m) => (phas(state.everLeft, m) ? `${m}!` : m)).join(" ");
        const key = `${slot}|${state.chatType ?? "~"}|${members ?? "~"}`;
        c = this.classIds.get(key);
        if (c === undefined) {
          c = this.classParts.length;
          this.classIds.set(key, c);
          this.classParts.push([slot, part]);
        }
      }
      bySlot[part] = c;
    }
    return c;
  }

  /** The uniqueness answers of the world of two rooms' hub parts (of classes `ci`, `cj`, in slot order). */
  private roomPairAnswer(ci: number, cj: number): Answers {
    let byLater = this.roomPairAnswers[ci];
    if (byLater === undefined) {
      byLater = [];
      this.roomPairAnswers[ci] = byLater;
    }
    let answers = byLater[cj];
    if (answers === undefined) {
      const { slotHub } = this.machine.layout;
      const n = this.slotCount;
      const slices = new Array<number>(this.servers * n).fill(0);
      const places: number[] = [];
      for (const c of [ci, cj]) {
        const [slot, part] = this.classParts[c] as readonly [number, number];
        const at = (slotHub[slot] as number) * n + slot;
        slices[at] = part;
        places.push(at);
      }
      answers = ask(this.perRoomPair, this.cutWorld(slices, places));
      byLater[cj] = answers;
    }
    return answers;
  }

  /** `hub.emits-fully-formed` on the messages in flight: the first message that breaks it. */
  private inFlightAnswer(world: CompactWorld): Answers {
    const { slotHub } = this.machine.layout;
    const n = this.slotCount;
    for (let i = 0; i < world.messages.length; i++) {
      const id = world.messages[i] as number;
      const answers = this.messageAnswers(id);
      if (answers.slot < 0) continue;
      // The room has a hub exactly when the hub's part holds a replica.
      const hubPart = world.slices[(slotHub[answers.slot] as number) * n + answers.slot] ?? 0;
      if (this.machine.slice(hubPart).replica === undefined) continue;
      let message = answers.byPosition[i];
      if (message === undefined) {
        message = this.messageAnswer(id, answers.slot, i + 1) ?? false;
        answers.byPosition[i] = message;
      }
      if (message !== false) return [message];
    }
    return null;
  }

  private messageAnswers(id: number): MessageAnswers {
    let answers = this.byMessage[id];
    if (answers === undefined) {
      const slot = this.machine.layout.slotOf.get(this.machine.messages.value(id).room);
      answers = { slot: slot ?? -1, byPosition: [] };
      this.byMessage[id] = answers;
    }
    return answers;
  }

  /** The machine's answer with message `id` alone in flight at `position`, its room (of `slot`) existing. */
  private messageAnswer(id: number, slot: number, position: number): string | undefined {
    const { layout } = this.machine;
    this.partWorlds++;
    this.empty ??= this.partsWorld(this.machine.initial().slices);
    const world: World = {
      ...this.empty,
      rooms: new Map([
        [layout.slotRooms[slot] as never, layout.servers[layout.slotHub[slot] as number] as never],
      ]),
      inFlight: [{ id: position, message: this.machine.messages.value(id) }],
    };
    return (this.inFlight.invariants[0] as Invariant).check(world);
  }
}
