import type { JsonObject, RoomId, UserId } from "@mimi-spec/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  authorizeMembership,
  type FullEvent,
  initialState,
  type Profile,
  profileNamed,
  type RoomState,
  resolveProfile,
} from "../../src/index.ts";
import type { Membership } from "../../src/models/index.ts";
import { predicateHolds } from "../../src/policy/membership.ts";

/**
 * LM I.1 auth rule 5, written again by hand straight from drafts-background.md §2.6 (with the
 * profile options of §2.6's table), independently of models/membership.json. The property test
 * checks that the generated table and this reading agree on every room state and event.
 */
interface Facts {
  readonly membership: (u: UserId) => Membership;
  readonly hasEvent: (u: UserId) => boolean;
  readonly level: (u: UserId) => number;
  readonly invite: number;
  readonly kick: number;
  readonly ban: number;
  readonly joinRule: string;
  readonly creator: UserId;
  readonly prevIsCreate: boolean;
}

function lmRule5(f: Facts, sender: UserId, target: UserId, m: Membership, p: Profile): boolean {
  const v = p.values;
  switch (m) {
    case "join":
      if (f.prevIsCreate && target === f.creator) return true;
      if (sender !== target) return false;
      if (f.membership(sender) === "ban") return false;
      if (f.joinRule === "invite" || f.joinRule === "knock")
        return ["invite", "join"].includes(f.membership(target));
      return f.joinRule === "public";
    case "invite":
      if (f.membership(sender) !== "join") return false;
      if (["join", "ban"].includes(f.membership(target))) return false;
      return f.level(sender) >= f.invite;
    case "leave":
      if (sender === target) return ["invite", "join", "knock"].includes(f.membership(target));
      if (f.membership(sender) !== "join") return false;
      if (v["auth.kick-target"] === "joined-only" && !["join", "ban"].includes(f.membership(target)))
        return false;
      if (f.membership(target) === "ban" && f.level(sender) < f.ban) return false;
      return f.level(sender) >= f.kick && f.level(target) < f.level(sender);
    case "ban":
      if (f.membership(sender) !== "join") return false;
      if (v["auth.preemptive-ban"] === "forbid" && !f.hasEvent(target)) return false;
      return f.level(sender) >= f.ban && f.level(target) < f.level(sender);
    case "knock":
      if (f.joinRule !== "knock") return false;
      if (sender !== target) return false;
      if (v["auth.knock-from-invite"] === "reject" && f.membership(target) === "invite") return false;
      return !["ban", "join"].includes(f.membership(target));
  }
}

const roomId = "!r:a.example" as RoomId;
const users = ["@alice:a.example", "@bob:b.example", "@carol:c.example", "@dave:d.example"] as UserId[];
const creator = users[0] as UserId;
const memberships: Membership[] = ["leave", "invite", "join", "knock", "ban"];
let counter = 0;

function event(type: string, stateKey: string, content: JsonObject, sender: UserId = creator): FullEvent {
  counter++;
  return {
    room_id: roomId,
    type,
    state_key: stateKey,
    sender,
    content,
    origin_server_ts: counter,
    event_id: `$e${counter}`,
    auth_events: [],
    prev_events: [],
    signedBy: [],
  };
}

const scenario = fc.record({
  members: fc.array(fc.option(fc.constantFrom(...memberships), { nil: undefined }), {
    minLength: 4,
    maxLength: 4,
  }),
  powerLevels: fc.option(
    fc.record({
      levels: fc.array(fc.constantFrom(0, 50, 100), { minLength: 4, maxLength: 4 }),
      invite: fc.option(fc.constantFrom(0, 50, 100), { nil: undefined }),
      kick: fc.option(fc.constantFrom(0, 50, 100), { nil: undefined }),
      ban: fc.option(fc.constantFrom(0, 50, 100), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  joinRule: fc.option(fc.constantFrom("public", "invite", "knock"), { nil: undefined }),
  sender: fc.constantFrom(...users),
  target: fc.constantFrom(...users),
  membership: fc.constantFrom(...memberships),
  afterCreate: fc.boolean(),
  profile: fc.constantFrom("lm-i1", "lm-i1-text", "matrix-v11", "pol-00", "lm-i1+forbid"),
});

function profileFor(name: string): Profile {
  if (name === "lm-i1+forbid") {
    const r = resolveProfile("lm-i1", { "auth.preemptive-ban": "forbid" });
    if (!r.ok) throw new Error(r.message);
    return r.profile;
  }
  return profileNamed(name as "lm-i1");
}

describe("the membership table (models/membership.json)", () => {
  it("agrees with an independent reading of LM I.1 rule 5 under every profile", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const profile = profileFor(s.profile);
        const create = event("m.room.create", "", { room_version: "x", chat_type: "group-chat" });
        let state: RoomState = initialState(create);
        if (!s.afterCreate) state = applyEvent(state, event("org.example.filler", "", {}));
        s.members.forEach((m, i) => {
          if (m !== undefined)
            state = applyEvent(state, event("m.room.member", users[i] as string, { membership: m }));
        });
        const pl = s.powerLevels;
        if (pl !== undefined) {
          const content: Record<string, unknown> = {
            users: Object.fromEntries(users.map((u, i) => [u, pl.levels[i]])),
          };
          for (const k of ["invite", "kick", "ban"] as const) if (pl[k] !== undefined) content[k] = pl[k];
          state = applyEvent(state, event("m.room.power_levels", "", content as JsonObject));
        }
        if (s.joinRule !== undefined)
          state = applyEvent(state, event("m.room.join_rules", "", { join_rule: s.joinRule }));
        const candidate: FullEvent = {
          ...event("m.room.member", s.target, { membership: s.membership }, s.sender),
          prev_events: [state.head.event_id],
        };
        const defaults = {
          invite: profile.values["mgmt.invite-level"],
          kick: profile.values["mgmt.kick-level"],
          ban: profile.values["mgmt.ban-level"],
        };
        const level = (choice: string) => Number(choice.replace("level-", ""));
        const facts: Facts = {
          membership: (u) => (s.members[users.indexOf(u)] ?? "leave") as Membership,
          hasEvent: (u) => s.members[users.indexOf(u)] !== undefined,
          level: (u) => (pl === undefined ? (u === creator ? 100 : 0) : (pl.levels[users.indexOf(u)] ?? 0)),
          invite: pl?.invite ?? level(defaults.invite),
          kick: pl?.kick ?? level(defaults.kick),
          ban: pl?.ban ?? level(defaults.ban),
          joinRule: s.joinRule ?? (profile.values["room.default-join-rule"] === "invite" ? "invite" : "none"),
          creator,
          prevIsCreate: state.head.event_id === create.event_id,
        };
        const verdict = authorizeMembership({ profile }, state, candidate, s.membership, s.target);
        expect(verdict.accepted).toBe(lmRule5(facts, s.sender, s.target, s.membership, profile));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("predicateHolds: the creator's first join (LM 5.2.1 and auth.creator-first-join)", () => {
  const create = event("m.room.create", "", { room_version: "x", chat_type: "group-chat" });
  const afterCreate = initialState(create);
  const lm = profileNamed("lm-i1");
  const strict = profileNamed("matrix-v11");
  /** alice's or bob's join naming these previous events. */
  const joinAfter = (target: UserId, prev: string[]): FullEvent => ({
    ...event("m.room.member", target, { membership: "join" }, target),
    prev_events: prev,
  });
  const holds = (kind: "target-is-creator" | "previous-is-create", e: FullEvent, p: Profile = lm) =>
    predicateHolds({ kind }, afterCreate, e, e.state_key as UserId, p);

  it("target-is-creator looks at the target only, not at the previous events", () => {
    expect(holds("target-is-creator", joinAfter(creator, [create.event_id]))).toBe(true);
    expect(holds("target-is-creator", joinAfter(creator, ["$other"]))).toBe(true);
    expect(holds("target-is-creator", joinAfter(users[1] as UserId, [create.event_id]))).toBe(false);
    expect(holds("target-is-creator", joinAfter(users[1] as UserId, ["$other"]))).toBe(false);
  });

  it("previous-is-create under previous-is-create (LM): the first previous event is the create event", () => {
    expect(lm.values["auth.creator-first-join"]).toBe("previous-is-create");
    expect(holds("previous-is-create", joinAfter(creator, [create.event_id]))).toBe(true);
    expect(holds("previous-is-create", joinAfter(creator, [create.event_id, "$other"]))).toBe(true);
    expect(holds("previous-is-create", joinAfter(creator, ["$other", create.event_id]))).toBe(false);
    expect(holds("previous-is-create", joinAfter(creator, ["$other"]))).toBe(false);
    expect(holds("previous-is-create", joinAfter(creator, []))).toBe(false);
  });

  it("previous-is-create under only-previous-is-create (Matrix v11): the create event is the only one", () => {
    expect(strict.values["auth.creator-first-join"]).toBe("only-previous-is-create");
    expect(holds("previous-is-create", joinAfter(creator, [create.event_id]), strict)).toBe(true);
    expect(holds("previous-is-create", joinAfter(creator, [create.event_id, "$other"]), strict)).toBe(false);
    expect(holds("previous-is-create", joinAfter(creator, ["$other", create.event_id]), strict)).toBe(false);
    expect(holds("previous-is-create", joinAfter(creator, ["$other"]), strict)).toBe(false);
    expect(holds("previous-is-create", joinAfter(creator, []), strict)).toBe(false);
  });

  it("so the creator's join with two previous events passes under LM and is refused under Matrix v11", () => {
    const join = joinAfter(creator, [create.event_id, "$other"]);
    expect(authorizeMembership({ profile: lm }, afterCreate, join, "join", creator)).toEqual({
      accepted: true,
    });
    expect(authorizeMembership({ profile: strict }, afterCreate, join, "join", creator)).toEqual({
      accepted: false,
      guard: "membership.join.rule",
      requirements: ["OQ-AUTH-5", "SIG-POLICY-3"],
      reason:
        "@alice:a.example cannot join !r:a.example: the join rule is none and their membership is leave",
    });
  });
});
