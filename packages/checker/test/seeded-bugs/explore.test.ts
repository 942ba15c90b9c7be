/*
 * Seeded bugs under bounded exhaustive exploration: for each deliberate fault that breaks a
 * machine invariant through actions the explorer offers, a small scope explored on both engines
 * reports that invariant with a shortest trace (same length on both) that replays to the
 * violation on the faulty machine; with the fault off, the same exploration finds nothing.
 *
 * `dm-accepts-third-member` and `group-dm-rejoin` need a membership event the explorer's
 * plausible alphabet never offers: it proposes invites only in rooms without fixed membership,
 * knocks only under a knock join rule and joins only for the invited, the knocking or under a
 * public join rule (which the chat rules keep a DM or group DM from getting). Rejoining a group DM
 * after leaving needs such an invite (a bare join is refused by `membership.join.rule`, the join
 * rule staying `invite`). The scope's `wild` alphabet offers every membership action, and so
 * reaches both: `group-dm-rejoin` is in CASES with it. A third DM member breaks no machine
 * invariant, only the random checker's own model property `model.fixed-members`, so
 * `dm-accepts-third-member` stays out of CASES; the last tests pin both facts.
 *
 * Out of reach of the explorer, and so not in CASES:
 * - `hub-skips-sender-server-check` is only reached by a forged submission (`forge-limited`); the
 *   explorer explores honest servers and never forges.
 * - `restart-loses-rooms` is in restart glue the compact machine writes out itself (`restarted`),
 *   so the compact engine does not see it; `verifyCompact` must catch the divergence (its own test below).
 */
import { type Action, emptyWorld, resolveProfile, runTrace, step, type World } from "@mimi-spec/machine";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CompactMachine,
  type ExploreEngine,
  type ExploreScope,
  type ExploreViolation,
  explore,
  resolveExploreScope,
  toCompactAction,
  verifyCompact,
} from "../../src/index.ts";
import { SEEDED_BUGS, type SeededBug } from "./catalogue.ts";
import { activate, deactivate } from "./switch.ts";

// Every module a seeded bug patches, mocked once with a switchable copy (see switch.ts).
vi.mock("../../../machine/src/chat/rules.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("chat/rules.ts", await importOriginal()),
);
vi.mock("../../../machine/src/policy/authorize.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("policy/authorize.ts", await importOriginal()),
);
vi.mock("../../../machine/src/hub/follower.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("hub/follower.ts", await importOriginal()),
);
vi.mock("../../../machine/src/server/directory.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("server/directory.ts", await importOriginal()),
);
vi.mock("../../../machine/src/server/server.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("server/server.ts", await importOriginal()),
);

afterEach(deactivate);

const PROFILE = "lm-i1";
const ENGINES: ReadonlyArray<ExploreEngine> = ["compact", "reference"];

/** One user on each of two providers: the smallest world with a follower. */
const TWO_PROVIDERS = [
  { name: "a.example", users: ["alice"] },
  { name: "b.example", users: ["bob"] },
];

/** A scope with every membership action for fixed-membership rooms of `chatType`. */
function fixedMembershipScope(chatType: "dm" | "group-dm"): ExploreScope {
  return {
    servers: [
      { name: "a.example", users: ["alice", "carol"] },
      { name: "b.example", users: ["bob"] },
    ],
    maxRooms: 1,
    chatTypes: [chatType],
    actions: ["create-room", "invite", "join", "leave", "knock", "set-join-rule", "deliver"],
    maxInFlight: 2,
  };
}

/** A fault the explorer must find, the invariant it breaks and where to look. */
interface ExploreCase {
  readonly bug: string;
  readonly invariant: string;
  readonly scope: ExploreScope;
  /** The length of the shortest breaking sequence in `scope`: explored to exactly this depth. */
  readonly depth: number;
}

const CASES: ReadonlyArray<ExploreCase> = [
  {
    // Alice asks for a DM with Bob twice; the second is created because the directory forgot the first.
    bug: "dm-directory-forgets",
    invariant: "dm.unique-per-pair",
    scope: {
      servers: TWO_PROVIDERS,
      maxRooms: 2,
      chatTypes: ["dm"],
      actions: ["create-room", "join", "deliver"],
      maxInFlight: 2,
    },
    depth: 2,
  },
  {
    // Bob joins a group chat, Alice bans him, and the message he sends before his server hears of the ban gets in.
    bug: "ban-does-not-silence",
    invariant: "ban.no-events-after",
    scope: {
      servers: TWO_PROVIDERS,
      maxRooms: 1,
      chatTypes: ["group-chat"],
      actions: ["create-room", "invite", "join", "ban", "send-message", "deliver"],
      maxInFlight: 2,
    },
    depth: 10,
  },
  {
    // Bob's server follows a DM; Alice sends two messages and the second reaches it first.
    bug: "follower-ignores-hub-order",
    invariant: "history.linear",
    scope: {
      servers: TWO_PROVIDERS,
      maxRooms: 1,
      chatTypes: ["dm"],
      actions: ["create-room", "join", "send-message", "deliver"],
      maxInFlight: 3,
    },
    depth: 8,
  },
  {
    // The wild alphabet: Alice creates a group DM, Bob leaves, and Alice invites him back.
    bug: "group-dm-rejoin",
    invariant: "group-dm.survives-leave",
    scope: { ...fixedMembershipScope("group-dm"), wild: true },
    depth: 3,
  },
];

function bugNamed(id: string): SeededBug {
  const bug = SEEDED_BUGS.find((b) => b.id === id);
  if (bug === undefined) throw new Error(`no seeded bug ${id} in catalogue.ts`);
  return bug;
}

/** Explores `c`'s scope on `engine`, checking the report is that engine's and complete. */
function exploreCase(c: ExploreCase, engine: ExploreEngine) {
  const report = explore({ profile: PROFILE, depth: c.depth, scope: c.scope, engine });
  expect(report.engine).toBe(engine);
  expect(report.complete).toBe(true);
  return report;
}

describe("seeded bugs: bounded exhaustive exploration finds each fault an honest run can reach", () => {
  for (const c of CASES)
    describe(c.bug, () => {
      it(`breaks ${c.invariant} at depth ${c.depth} on both engines, with a trace that replays`, async () => {
        await activate(bugNamed(c.bug));
        const found: ExploreViolation[] = [];
        for (const engine of ENGINES) {
          const report = exploreCase(c, engine);
          const violation = report.violations.find((v) => v.invariant === c.invariant);
          expect(
            violation,
            `${engine}: ${report.violations.map((v) => v.invariant).join(", ")}`,
          ).toBeDefined();
          if (violation === undefined) return;
          found.push(violation);
          console.log(
            `--- ${c.bug} (${engine}): ${c.invariant} in ${violation.trace.steps.length} steps; ${report.distinctStates} states in ${Math.round(report.elapsedMs)} ms`,
          );
        }
        // Breadth first, both engines over the same states: shortest traces of the same length.
        for (const violation of found) expect(violation.trace.steps).toHaveLength(c.depth);
        for (const violation of found) {
          const replay = runTrace(violation.trace);
          expect(replay.ok).toBe(true);
          if (!replay.ok) return;
          // Every verdict and expected violation the explorer recorded holds again...
          expect(replay.run.ok).toBe(true);
          // ...and the invariant breaks at the last step.
          expect(replay.run.violated[c.invariant]?.step).toBe(c.depth);
        }
        // On the real machine the same actions do not break it: the fault did.
        deactivate();
        for (const violation of found) {
          const replay = runTrace(violation.trace);
          expect(replay.ok && replay.run.violated[c.invariant]).toBe(undefined);
        }
      });

      it("without the fault, the same exploration finds no violation", () => {
        for (const engine of ENGINES) {
          const report = exploreCase(c, engine);
          expect(report.violations).toEqual([]);
          expect(report.liveness?.failed).toBe(0);
        }
      });
    });
});

/** Two providers, one DM, and restarts: where `restart-loses-rooms` shows. */
const RESTART_SCOPE: ExploreScope = {
  servers: TWO_PROVIDERS,
  maxRooms: 1,
  chatTypes: ["dm"],
  actions: ["create-room", "join", "deliver", "restart"],
  maxInFlight: 2,
};
/** Alice creates the DM, Bob joins, his server receives the room, then restarts: six actions. */
const RESTART_DEPTH = 6;

/** `actions` (reference message IDs) from the empty world on the reference and the compact machine. */
function replayOnBoth(actions: ReadonlyArray<Action>): { reference: World; compact: World } {
  const resolved = resolveProfile(PROFILE, {});
  if (!resolved.ok) throw new Error(resolved.message);
  const machine = new CompactMachine(resolveExploreScope(RESTART_SCOPE), resolved.profile);
  let reference = emptyWorld({ profile: resolved.profile, delivery: "network", eventIds: "counter" });
  let compact = machine.initial();
  for (const action of actions) {
    const next = machine.step(compact, toCompactAction(reference, action));
    if (next === undefined) throw new Error(`the compact machine refused ${JSON.stringify(action)}`);
    compact = next;
    reference = step(reference, action).world;
  }
  return { reference, compact: machine.decode(compact) };
}

// The compact machine computes deliveries and user actions with the reference machine's own
// `step`, so a fault in the machine's modules reaches it; but it writes some glue out itself
// (transactions, results, retries, syncs, restarts). A fault there, like this one in
// `server/server.ts` `restarted`, leaves the compact machine correct while the reference machine
// is not, and exploration on the default compact engine silently checks a machine that differs
// from the reference. Only the lockstep comparison of `verifyCompact` sees that: this is why CI
// runs it, so the compact engine can be trusted to explore the machine the reference defines.
describe("seeded bugs: verifyCompact catches a fault in glue the compact machine writes out", () => {
  it("restart-loses-rooms: the compact machine keeps the rooms the faulty reference loses over a restart", async () => {
    await activate(bugNamed("restart-loses-rooms"));
    const began = performance.now();
    const report = verifyCompact({
      profile: PROFILE,
      depth: RESTART_DEPTH,
      scope: RESTART_SCOPE,
      maxMismatches: 1,
    });
    const [mismatch] = report.mismatches;
    expect(mismatch, "no mismatch").toBeDefined();
    if (mismatch === undefined) return;
    expect(mismatch.what).toMatch(/^worlds differ/u);
    const last = mismatch.actions.at(-1);
    expect(last?.kind).toBe("restart");
    if (last?.kind !== "restart") return;
    // Replayed on both: after the restart the reference server holds no room, the compact one still does.
    const { reference, compact } = replayOnBoth(mismatch.actions);
    expect(reference.servers.get(last.server)?.persisted.rooms.size).toBe(0);
    expect(compact.servers.get(last.server)?.persisted.rooms.size).toBe(1);
    console.log(
      `--- restart-loses-rooms: verifyCompact mismatch after ${mismatch.actions.length} actions (restart of ${last.server}); ${report.statesChecked} states, ${report.stepsChecked} steps in ${Math.round(performance.now() - began)} ms`,
    );
    // The explorer on its own does not notice: each engine explores its own machine, and they differ.
    const perEngine = ENGINES.map(
      (engine) =>
        explore({ profile: PROFILE, depth: RESTART_DEPTH, scope: RESTART_SCOPE, engine }).statesPerDepth,
    );
    expect(perEngine[0]).not.toEqual(perEngine[1]);
  });

  it("without the fault: no mismatch, and both engines explore the same states", () => {
    const report = verifyCompact({ profile: PROFILE, depth: RESTART_DEPTH, scope: RESTART_SCOPE });
    expect(report.mismatches).toEqual([]);
    expect(report.stepsChecked).toBeGreaterThan(report.statesChecked);
    const perEngine = ENGINES.map(
      (engine) =>
        explore({ profile: PROFILE, depth: RESTART_DEPTH, scope: RESTART_SCOPE, engine }).statesPerDepth,
    );
    expect(perEngine[0]).toEqual(perEngine[1]);
  });
});

describe("seeded bugs out of the explorer's reach", () => {
  // Pins the comment at the top: should this start failing, the alphabet now offers the
  // membership event the fault needs, and the bug belongs in CASES.
  for (const [bug, chatType] of [
    ["dm-accepts-third-member", "dm"],
    ["group-dm-rejoin", "group-dm"],
  ] as const)
    it(`${bug}: no plausible action sequence of ${chatType} membership changes reaches it (depth 8)`, async () => {
      await activate(bugNamed(bug));
      const report = explore({ profile: PROFILE, depth: 8, scope: fixedMembershipScope(chatType) });
      expect(report.complete).toBe(true);
      // Not a search that ran dry: every level up to the bound reached new states.
      expect(report.statesPerDepth).toHaveLength(9);
      expect(report.statesPerDepth?.every((n) => n > 0)).toBe(true);
      expect(report.violations).toEqual([]);
    });

  it("dm-accepts-third-member: the wild alphabet admits the third member, but no machine invariant names it (depth 5)", async () => {
    await activate(bugNamed("dm-accepts-third-member"));
    const report = explore({
      profile: PROFILE,
      depth: 5,
      scope: { ...fixedMembershipScope("dm"), wild: true },
      liveness: false,
    });
    expect(report.complete).toBe(true);
    expect(report.violations).toEqual([]);
  });
});
