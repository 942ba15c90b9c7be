import { GUARDS, PROFILES } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import { policyFileName, policyProfiles, policyVectorFile } from "../../src/vectors/policy.ts";
import { SCENARIOS } from "../../src/vectors/policy-scenarios.ts";

const files = policyProfiles().map(policyVectorFile);

/** Guards the generated scenarios exist for: each must accept and refuse under every profile. */
const TARGETED = [
  "create.room-version",
  "create.lowest-id-creates",
  "membership.invite.target-eligible",
  "membership.kick.level",
  "membership.kick.outranks-target",
  "membership.kick.target-joined",
  "membership.ban.level",
  "membership.ban.outranks-target",
  "membership.unban.level",
  "membership.knock.from",
  "membership.knock.not-invited",
  "membership.join.not-banned",
  "power-levels.change",
  "redaction.others",
  "redaction.target-in-room",
  "receive.signatures",
  "hub.is-hub",
  "hub.accept-limited-event",
  "follower.from-hub",
  "auth.auth-event-is-state",
  "auth.no-duplicate-auth-events",
  "auth.select-auth-events",
  "auth.auth-events-have-create",
  "hub.append-at-head",
  "auth.auth-events-valid",
];

describe("policy vectors", () => {
  it("come one file per profile, in the order of models/profiles.json", () => {
    expect(files.map((f) => f.profile)).toEqual(Object.keys(PROFILES));
    expect(policyFileName("pol-00")).toBe("policy-pol-00.json");
  });

  it("hold every shipped trace and every generated scenario in each file", () => {
    for (const f of files) {
      expect(f.vectors.filter((v) => v.source.startsWith("models/traces/")).length).toBeGreaterThanOrEqual(
        16,
      );
      expect(f.vectors.filter((v) => v.source.startsWith("generated/")).map((v) => v.source)).toEqual(
        SCENARIOS.map((s) => `generated/${s.name}`),
      );
    }
  });

  it("show each targeted guard accepting and refusing under every profile", () => {
    for (const f of files)
      for (const guard of TARGETED) {
        expect(f.coverage[guard]?.pass, `${f.profile} ${guard} pass`).toBeDefined();
        expect(f.coverage[guard]?.reject, `${f.profile} ${guard} reject`).toBeDefined();
      }
  });

  it("list exactly the uncovered guard outcomes, each with a reason", () => {
    for (const f of files) {
      expect(Object.keys(f.coverage).sort()).toEqual(Object.keys(GUARDS).sort());
      const missing = Object.entries(f.coverage).flatMap(([guard, c]) =>
        (["pass", "reject"] as const).filter((o) => c[o] === undefined).map((o) => `${guard}:${o}`),
      );
      expect(f.uncovered.map((u) => `${u.guard}:${u.outcome}`)).toEqual(missing);
      for (const u of f.uncovered) expect(u.why).toMatch(/switched off|reaches it/);
    }
  });

  it("record every option of the run and the overrides that differ from the profile", () => {
    const lm = files.find((f) => f.profile === "lm-i1");
    const kick = lm?.vectors.find((v) => v.id === "policy/lm-i1/generated/kick-target-joined");
    expect(kick?.overrides).toEqual({ "auth.kick-target": "joined-only" });
    expect(kick?.options["auth.kick-target"]).toBe("joined-only");
    expect(Object.keys(kick?.options ?? {}).sort()).toEqual(Object.keys(lm?.options ?? {}).sort());
    expect(
      kick?.steps.map((s) => (s.expected.verdict === "accepted" ? "ok" : s.expected.guard)).slice(-3),
    ).toEqual(["membership.kick.target-joined", "ok", "ok"]);
  });

  it("find event IDs by asking the machine, so redactions hit the events they mean", () => {
    for (const f of files) {
      const levels = f.vectors.find((v) => v.source === "generated/membership-levels");
      const redacts = levels?.steps.filter((s) => s.action.kind === "redact") ?? [];
      // Bob's redaction of his own message is accepted under every profile.
      expect(redacts[0]?.expected, f.profile).toEqual({ verdict: "accepted" });
      expect(redacts.at(-1)?.expected).toMatchObject({ guard: "redaction.target-in-room" });
    }
  });

  it("end with the final state of each room", () => {
    const chat = files[0]?.vectors.find((v) => v.id.endsWith("/trace/public-chat"));
    expect(chat?.final.rooms[0]).toMatchObject({
      room: "!lobby:a.example",
      hub: "a.example",
      chatType: "public-chat",
    });
    expect(chat?.final.rooms[0]?.members).toMatchObject({ "@mallory:m.example": "ban" });
  });
});
