import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  checkServerNames,
  GUARDS,
  type GuardId,
  ipLiteralName,
  PROFILES,
  type Profile,
  profileNamed,
  resolveProfile,
  type ServerNamingFields,
  step,
} from "../../src/index.ts";
import { alice, expectRejected, groupChatWithBob, room, worldWith } from "../support.ts";

const GUARD = "id.no-ip-literal-server";

/** The naming fields of an event; everything on ordinary servers unless overridden. */
const fields = (overrides: Partial<ServerNamingFields> = {}): ServerNamingFields => ({
  sender: alice,
  room_id: room("chat"),
  ...overrides,
});

function profile(options: Record<string, string> = {}, name = "lm-i1"): Profile {
  const resolved = resolveProfile(name, options);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.profile;
}

/** Runs the guard with an observer; returns the verdict and what the observer saw. */
function run(p: Profile, event: ServerNamingFields) {
  const seen: Array<[GuardId, string]> = [];
  const verdict = checkServerNames({ profile: p, observe: (g, o) => seen.push([g, o]) }, event);
  return { verdict, seen };
}

describe("ipLiteralName", () => {
  it("finds the sender, room, user state key or hub_server on an IPv4-literal server, in that order", () => {
    expect(ipLiteralName(fields({ sender: "@eve:192.0.2.1" as UserId }))).toMatchObject({
      role: "sender",
      identifier: "@eve:192.0.2.1",
      server: "192.0.2.1",
    });
    expect(ipLiteralName(fields({ room_id: "!r:192.0.2.1:8448" as RoomId }))).toMatchObject({
      role: "room",
      server: "192.0.2.1:8448",
    });
    expect(ipLiteralName(fields({ state_key: "@dave:192.0.2.7" }))).toMatchObject({
      role: "target",
      identifier: "@dave:192.0.2.7",
    });
    expect(ipLiteralName(fields({ hub_server: "192.0.2.1" as ServerName }))).toMatchObject({
      role: "hub_server",
    });
    expect(
      ipLiteralName(fields({ sender: "@eve:192.0.2.1" as UserId, state_key: "@dave:192.0.2.7" }))?.role,
    ).toBe("sender");
  });

  it("says why in the schema package's words", () => {
    expect(ipLiteralName(fields({ state_key: "@dave:999.1.1.1" }))?.problem).toBe(
      "999.1.1.1 is an IPv4 literal; LM forbids IP literals as server names (profile option id.server-name-ip-literals = forbid)",
    );
  });

  it("finds nothing on ordinary names, near misses, and state keys that are not user IDs", () => {
    expect(ipLiteralName(fields({ state_key: "", hub_server: "a.example" as ServerName }))).toBeUndefined();
    for (const server of ["127.1", "1.2.3.4.5", "1.2.3.a", "a1.2.3.4", "1234.1.1.1"])
      expect(ipLiteralName(fields({ state_key: `@dave:${server}` })), server).toBeUndefined();
    // A state key that only looks like a server name names no user.
    expect(ipLiteralName(fields({ state_key: "192.0.2.1" }))).toBeUndefined();
    // Nor does one that holds a server part but does not start with "@".
    expect(ipLiteralName(fields({ state_key: "room:192.0.2.1" }))).toBeUndefined();
    expect(ipLiteralName(fields({ state_key: "!r:192.0.2.1" }))).toBeUndefined();
  });
});

describe("checkServerNames (guard id.no-ip-literal-server)", () => {
  it("is declared for OQ-ID-1, on under forbid only", () => {
    expect(GUARDS[GUARD].requirements).toEqual(["OQ-ID-1"]);
    expect(GUARDS[GUARD].enabledWhen).toEqual({ "id.server-name-ip-literals": "forbid" });
  });

  it("under forbid, refuses an IP-literal name with a reason citing OQ-ID-1 and the option", () => {
    const { verdict, seen } = run(profile(), fields({ state_key: "@dave:192.0.2.7" }));
    expect(verdict).toEqual({
      accepted: false,
      guard: GUARD,
      requirements: ["OQ-ID-1"],
      reason:
        "the target @dave:192.0.2.7 names an IP-literal server, which OQ-ID-1 refuses under this profile: 192.0.2.7 is an IPv4 literal; LM forbids IP literals as server names (profile option id.server-name-ip-literals = forbid)",
    });
    expect(seen).toEqual([[GUARD, "reject"]]);
  });

  it("under forbid, passes ordinary names (and the observer sees it pass)", () => {
    const { verdict, seen } = run(profile(), fields({ state_key: "@bob:b.example" }));
    expect(verdict).toBeUndefined();
    expect(seen).toEqual([[GUARD, "pass"]]);
  });

  it("under allow, is not evaluated: IP-literal names pass", () => {
    const { verdict, seen } = run(
      profile({ "id.server-name-ip-literals": "allow" }),
      fields({ sender: "@eve:192.0.2.1" as UserId }),
    );
    expect(verdict).toBeUndefined();
    expect(seen).toEqual([]);
  });
});

describe("the named profiles read OQ-ID-1 as their drafts do", () => {
  const creation = {
    kind: "create-room",
    user: "@eve:192.0.2.1" as UserId,
    room: "!eve:192.0.2.1" as RoomId,
    chatType: "group-chat",
  } as const;

  it.each([
    ["lm-i1", "forbid"],
    ["lm-i1-text", "forbid"],
    ["matrix-v11", "allow"],
    ["pol-00", "forbid"],
  ])("%s: %s", (name, choice) => {
    expect(profileNamed(name as keyof typeof PROFILES).values["id.server-name-ip-literals"]).toBe(choice);
    const result = step(worldWith({}, { profileName: name }), creation);
    if (choice === "forbid") expectRejected(result, GUARD);
    else expect(result.verdict).toEqual({ accepted: true });
  });

  it("every named profile gives the option a value", () => {
    for (const name of Object.keys(PROFILES))
      expect(["forbid", "allow"], name).toContain(
        profileNamed(name as keyof typeof PROFILES).values["id.server-name-ip-literals"],
      );
  });
});

describe("in the step function", () => {
  it("the hub refuses a forged event whose sender is on an IP-literal server before checking signatures", () => {
    const world = groupChatWithBob(worldWith());
    const result = step(world, {
      kind: "forge-limited",
      server: "x.example" as ServerName,
      room: room("chat"),
      event: { type: "m.room.encrypted", sender: "@m:192.0.2.9" as UserId, content: { ciphertext: "x" } },
    });
    expectRejected(result, GUARD);
    // The same forgery with an ordinary sender gets as far as the signature check.
    const ordinary = step(world, {
      kind: "forge-limited",
      server: "x.example" as ServerName,
      room: room("chat"),
      event: { type: "m.room.encrypted", sender: "@m:y.example" as UserId, content: { ciphertext: "x" } },
    });
    expectRejected(ordinary, "receive.signatures");
  });

  it("under allow, an invitee on an IP-literal server joins and speaks", () => {
    const world = groupChatWithBob(worldWith({ "id.server-name-ip-literals": "allow" }));
    const dave = "@dave:192.0.2.7" as UserId;
    let w = world;
    for (const action of [
      { kind: "invite", user: alice, room: room("chat"), target: dave },
      { kind: "join", user: dave, room: room("chat") },
      { kind: "send-message", user: dave, room: room("chat"), body: "hi" },
    ] as const) {
      const result = step(w, action);
      expect(result.verdict, action.kind).toEqual({ accepted: true });
      w = result.world;
    }
    // Under forbid the same invite is refused and the world is unchanged.
    const refused = step(groupChatWithBob(worldWith()), {
      kind: "invite",
      user: alice,
      room: room("chat"),
      target: dave,
    });
    expectRejected(refused, GUARD);
  });
});
