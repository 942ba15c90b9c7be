import { afterEach, it, vi } from "vitest";
import { explore } from "../../src/explore/explore.ts";
import type { ExploreScope } from "../../src/explore/scope.ts";
import { SEEDED_BUGS } from "./catalogue.ts";
import { activate, deactivate } from "./switch.ts";

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

const AB = [{ name: "a.example", users: ["alice"] }, { name: "b.example", users: ["bob"] }];
const ACB = [{ name: "a.example", users: ["alice", "carol"] }, { name: "b.example", users: ["bob"] }];
const probes: Array<[string, ExploreScope, number]> = JSON.parse(process.env.PROBES ?? "[]");
for (const [id, scope, maxDepth] of probes)
  it(id, async () => {
    const bug = SEEDED_BUGS.find((b) => b.id === id);
    if (bug) await activate(bug);
    for (const engine of ["compact", "reference"] as const)
      for (let depth = 1; depth <= maxDepth; depth++) {
        const t = performance.now();
        const r = explore({ profile: "lm-i1", depth, scope, engine, liveness: false });
        const ms = Math.round(performance.now() - t);
        const v = r.violations.map((x) => `${x.invariant}/${x.trace.steps.length}`).join(" ");
        console.log(`${id} ${engine} depth ${depth}: ${r.distinctStates} states ${ms} ms: ${v}`);
        if (v) { console.log(JSON.stringify(r.violations[0]?.trace.steps.map((s) => s.action))); break; }
      }
  });
void AB; void ACB;
