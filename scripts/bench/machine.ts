/**
 * The machine benchmark group (issue 5): how fast the reference machine decides and applies
 * events in a small room and in a large one, against a naive hub that replays the whole history
 * on every check (what eigen-server, the public Linearized-Matrix hub, does). Writes
 * `reports/bench-machine.json`.
 *
 * Three workloads per room, all on the same 256-event mix (8 in 10 messages, 1 in 10 joins, 1 in
 * 10 leaves; see `machine-room.ts`):
 * - **auth + state**: `authorize` then `applyEvent` on the room's indexed state, each event judged
 *   against the same state (the room does not grow while it is timed);
 * - **naive replay**: the peer, on the first 16 events of the mix (it is slow);
 * - **hub path**: `hubReceive` of the limited events as transactions from the members' providers:
 *   receive checks, transaction dedup, auth-event selection, `prev_events`, the event ID (LM
 *   reference hash: redaction, RFC 8785 canonical JSON, SHA-256, base64url), the policy, the
 *   append (history log and indexes) and the fan-out messages to the ten providers. The events
 *   are applied in order; after each iteration the hub's shared history log is cut back to the
 *   room's length, so every iteration starts from the same room.
 *
 * @module
 */
import { cpus, loadavg } from "node:os";
import {
  applyEvent,
  authorize,
  Draft,
  eventById,
  type FullEvent,
  historyOf,
  hubReceive,
  type World,
} from "../../packages/machine/src/index.ts";
import type { BenchOptions } from "./group.ts";
import { collector, heapAfterGc } from "./heap.ts";
import { naiveAccepts } from "./machine-naive.ts";
import {
  type BenchRoom,
  createRoom,
  formedEvents,
  growRoom,
  HUB,
  hubRoom,
  PROVIDERS,
  submissionsOf,
  workloadSpecs,
} from "./machine-room.ts";
import { FULL_PLAN, measureInterleaved, QUICK_PLAN, sinkValue, type Timing } from "./measure.ts";
import { cpuModel, writeBenchReport } from "./report-file.ts";
import { formatNumber } from "./results.ts";

/** Events per iteration of our workloads, and of the naive peer. */
const BATCH = 256;
const NAIVE_BATCH = 16;

/** A room size: history length and members. */
interface RoomSize {
  readonly label: string;
  readonly events: number;
  readonly members: number;
}

/** One workload timed on one room. */
interface WorkloadTiming {
  readonly workload: "auth + state" | "naive replay" | "hub path";
  readonly room: string;
  readonly eventsPerIteration: number;
  readonly eventsPerSecond: number;
  readonly microsecondsPerEvent: number;
  readonly timing: Timing;
}

/** A target of the issue and whether this run met it. */
interface Target {
  readonly description: string;
  readonly value: number;
  readonly needs: string;
  readonly met: boolean;
}

/** Heap growth while building the large room. */
interface MemoryResult {
  readonly method: string;
  readonly bytesPerMembershipEvent: number;
  readonly bytesPerMessageEvent: number;
  readonly membershipEvents: number;
  readonly messageEvents: number;
  readonly heapAfterBuildMB: number;
}

/** The prepared iterations of one room. */
interface RoomWorkloads {
  readonly size: RoomSize;
  readonly world: World;
  readonly auth: () => number;
  readonly naive: () => number;
  readonly hub: () => number;
  /** Events of the mix the naive peer judges differently from us (should be 0). */
  readonly naiveDisagreements: number;
}

/** Cuts the hub's shared history log back to `length` events (undoing an iteration's appends). */
function rollBack(world: World, length: number): void {
  const { store } = hubRoom(world).history;
  for (let i = length; i < store.items.length; i++) {
    const event = store.items[i];
    if (event !== undefined) store.index.delete(event.event_id);
  }
  store.items.length = length;
}

function prepare(size: RoomSize, room: BenchRoom): RoomWorkloads {
  const { world } = room;
  const replica = hubRoom(world);
  const specs = workloadSpecs(BATCH, room.members, 1);
  const formed = formedEvents(world, specs);
  const ctx = { profile: world.config.profile };
  const view = { state: replica.state, eventById: (id: string) => eventById(replica, id) };
  const auth = (): number => {
    let applied = 0;
    for (const event of formed) {
      if (authorize(ctx, view, event).accepted) applied += applyEvent(replica.state, event).length;
    }
    return applied;
  };
  const history: FullEvent[] = historyOf(replica);
  const naiveEvents = formed.slice(0, NAIVE_BATCH);
  const naive = (): number => {
    let accepted = 0;
    for (const event of naiveEvents) if (naiveAccepts(history, event)) accepted++;
    return accepted;
  };
  const submissions = submissionsOf(world, specs);
  const length = replica.history.length;
  const hub = (): number => {
    const draft = new Draft(world, false, undefined);
    let accepted = 0;
    for (const s of submissions)
      if (hubReceive(draft, HUB, s.origin, s.txn, s.limited).verdict.accepted) accepted++;
    rollBack(world, length);
    return accepted;
  };
  // Every event of the mix must be accepted, by us and by the peer, or the timings mean nothing.
  const ours = formed.map((event) => authorize(ctx, view, event));
  const refused = ours.find((v) => !v.accepted);
  if (refused !== undefined && !refused.accepted)
    throw new Error(`${size.label}: the machine refuses a workload event: ${refused.reason}`);
  const naiveDisagreements = naiveEvents.filter((event) => !naiveAccepts(history, event)).length;
  if (hub() !== BATCH) throw new Error(`${size.label}: the hub refused part of the workload`);
  return { size, world, auth, naive, hub, naiveDisagreements };
}

function timingOf(
  workload: WorkloadTiming["workload"],
  room: string,
  eventsPerIteration: number,
  timing: Timing,
): WorkloadTiming {
  const seconds = timing.msPerIteration / 1000;
  return {
    workload,
    room,
    eventsPerIteration,
    eventsPerSecond: eventsPerIteration / seconds,
    microsecondsPerEvent: (seconds * 1e6) / eventsPerIteration,
    timing,
  };
}

/** Builds the large room, recording the heap after the create event, the joins and the messages. */
function buildLarge(size: RoomSize, log: (line: string) => void): { room: BenchRoom; memory: MemoryResult } {
  const c = collector();
  let room = createRoom("reference-hash");
  const start = heapAfterGc(c);
  const afterCreate = hubRoom(room.world).state.length;
  room = growRoom(room, afterCreate + size.members, size.members);
  const afterJoins = heapAfterGc(c);
  log(`  ${size.label}: ${size.members} members joined`);
  room = growRoom(room, size.events, size.members);
  const afterMessages = heapAfterGc(c);
  log(`  ${size.label}: ${room.messages} messages sent`);
  return {
    room,
    memory: {
      method: `V8 heapUsed after full GC, ${c.how}; deltas while the hub's copy of the room grows (history log and its index, state indexes, transaction results; the world keeps nothing else that grows)`,
      bytesPerMembershipEvent: (afterJoins - start) / size.members,
      bytesPerMessageEvent: (afterMessages - afterJoins) / room.messages,
      membershipEvents: size.members,
      messageEvents: room.messages,
      heapAfterBuildMB: afterMessages / 1e6,
    },
  };
}

/** Runs the machine benchmark; returns the markdown report. */
export async function machineBench(options: BenchOptions): Promise<string> {
  const { quick, log } = options;
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const started = performance.now();
  const loadBefore = loadavg();
  const small: RoomSize = { label: "1k events", events: 1_000, members: 497 };
  const large: RoomSize = quick
    ? { label: "10k events (quick)", events: 10_000, members: 2_000 }
    : { label: "100k events", events: 100_000, members: 10_000 };

  log(`building ${large.label} with ${large.members} members`);
  const built = buildLarge(large, log);
  log(`building ${small.label}`);
  const smallRoom = growRoom(createRoom("reference-hash"), small.events, small.members);
  const rooms = [prepare(small, smallRoom), prepare(large, built.room)];

  log("timing (auth + state, naive replay, hub path; both rooms interleaved)");
  const iterations = rooms.flatMap((r) => [r.auth, r.naive, r.hub]);
  const timings = measureInterleaved(iterations, plan);
  const results: WorkloadTiming[] = rooms.flatMap((r, i) => {
    const [auth, naive, hub] = timings.slice(i * 3, i * 3 + 3) as [Timing, Timing, Timing];
    return [
      timingOf("auth + state", r.size.label, BATCH, auth),
      timingOf("naive replay", r.size.label, NAIVE_BATCH, naive),
      timingOf("hub path", r.size.label, BATCH, hub),
    ];
  });
  const find = (workload: WorkloadTiming["workload"], room: RoomSize) =>
    results.find((r) => r.workload === workload && r.room === room.label) as WorkloadTiming;

  const targets: Target[] = [];
  for (const room of [small, large]) {
    const auth = find("auth + state", room);
    targets.push({
      description: `auth + state, ${room.label}: events/s`,
      value: auth.eventsPerSecond,
      needs: "≥ 100,000",
      met: auth.eventsPerSecond >= 100_000,
    });
  }
  for (const workload of ["auth + state", "hub path"] as const) {
    const growth = find(workload, large).microsecondsPerEvent / find(workload, small).microsecondsPerEvent;
    targets.push({
      description: `${workload}: per-event cost, ${large.label} ÷ ${small.label}`,
      value: growth,
      needs: "≤ 1.5×",
      met: growth <= 1.5,
    });
  }
  const ratios = [small, large].map((room) => ({
    room: room.label,
    oursOverNaive: find("auth + state", room).eventsPerSecond / find("naive replay", room).eventsPerSecond,
  }));

  const seconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg();
  const report = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: cpuModel(),
    cores: cpus().length,
    loadAverage: { before: loadBefore, after: loadAfter },
    quick,
    plan,
    seconds,
    rooms: rooms.map((r) => ({
      ...r.size,
      historyLength: hubRoom(r.world).state.length,
      providers: PROVIDERS.length,
      naiveDisagreements: r.naiveDisagreements,
    })),
    results,
    ratios,
    targets,
    memory: built.memory,
    sink: sinkValue(),
  };
  writeBenchReport("machine", report, log);
  return markdown(report, rooms, results, targets, ratios, built.memory);
}

function markdown(
  report: {
    node: string;
    cpu: string;
    cores: number;
    quick: boolean;
    seconds: number;
    loadAverage: { before: number[]; after: number[] };
  },
  rooms: ReadonlyArray<RoomWorkloads>,
  results: ReadonlyArray<WorkloadTiming>,
  targets: ReadonlyArray<Target>,
  ratios: ReadonlyArray<{ room: string; oursOverNaive: number }>,
  memory: MemoryResult,
): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  const out = [
    "# Machine benchmark",
    "",
    `Node ${report.node} on ${report.cpu} (${report.cores} cores); ${report.quick ? "**--quick** (smoke run, numbers not meaningful)" : "full run"}; took ${report.seconds.toFixed(1)} s. Load average (1/5/15 min) before ${load(report.loadAverage.before)}, after ${load(report.loadAverage.after)}.`,
    "",
    "Rooms: a public chat whose hub is a.example; members of ten other providers joined one transaction each, then sent messages.",
    ...rooms.map(
      (r) => `- ${r.size.label}: ${hubRoom(r.world).state.length} events, ${r.size.members} members.`,
    ),
    "",
    "A room of 1,000 events cannot hold 10,000 members (each member is at least one event), so the small room has as many members as half its events allow.",
    "",
    `Workload: ${BATCH} events (8 in 10 messages, 1 in 10 joins of newcomers, 1 in 10 leaves); the naive peer runs the first ${NAIVE_BATCH}. Every round interleaves all six measurements, so load from elsewhere hits them alike.`,
    "",
    "- **auth + state**: `authorize` (LM I.1 auth rules, hub and chat rules) then `applyEvent` (indexes), every event judged against the same room state.",
    "- **naive replay**: the same decisions after recomputing the room state from the whole history on each check, as eigen-server's `checkAuth` does (plain mutable maps; it does not look at auth_events).",
    "- **hub path**: `hubReceive` of limited events as transactions from the members' providers: receive checks, transaction dedup, auth-event selection, `prev_events`, the event ID (LM reference hash: redaction, RFC 8785 canonical JSON, SHA-256, base64url), the policy, the append (history log and indexes) and the fan-out messages to ten providers. Signatures are symbolic in the machine and the content hash is not computed. The hub's shared history log is cut back after each iteration (a few array and map operations, inside the timing).",
    "",
    "| workload | room | events/s | µs/event | rounds × iterations |",
    "| --- | --- | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.workload} | ${r.room} | ${formatNumber(r.eventsPerSecond)} | ${r.microsecondsPerEvent.toFixed(2)} | ${r.timing.roundMsPerIteration.length} × ${r.timing.iterationsPerRound} |`,
    ),
    "",
    "| target | value | needs | met |",
    "| --- | ---: | ---: | :---: |",
    ...targets.map(
      (t) =>
        `| ${t.description} | ${t.value >= 100 ? formatNumber(t.value) : `${t.value.toFixed(2)}×`} | ${t.needs} | ${t.met ? "yes" : "**no**"} |`,
    ),
    "",
    ...ratios.map(
      (r) =>
        `- ours ÷ naive replay (auth decision + state), ${r.room}: **${r.oursOverNaive.toFixed(0)}×** (naive verdicts differing from ours: ${rooms.find((x) => x.size.label === r.room)?.naiveDisagreements ?? "?"})`,
    ),
    "",
    `Memory (${memory.method}): ${formatNumber(memory.bytesPerMembershipEvent)} bytes per membership event (${memory.membershipEvents} joins), ${formatNumber(memory.bytesPerMessageEvent)} bytes per message event (${memory.messageEvents} messages); heap ${memory.heapAfterBuildMB.toFixed(0)} MB after building.`,
  ];
  return out.join("\n");
}
