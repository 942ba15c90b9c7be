/**
 * Action sequences written for coverage, beside the shipped traces. The shipped traces are
 * written for one profile each; under another profile many of them stop early (under a profile
 * whose rooms start without a join rule, nobody joins), so some guards never get to accept or
 * refuse. These scenarios set what they rely on themselves (join rule, power levels) and so
 * exercise the same guards under every profile. Guards a profile switches off are exercised with
 * the one option override that switches them on, recorded in the vector.
 *
 * Event IDs are not written down: a scenario asks the machine for the ID it needs (the head after
 * a step, the room's create event), so the sequences stay correct whatever numbering a profile's
 * extra events cause.
 *
 * @module
 */

/** A raw action, as a trace file writes it (validated when the scenario is run). */
export type RawAction = { readonly kind: string } & Readonly<Record<string, unknown>>;

/** What a scenario can ask while it is being written. */
export interface ScenarioContext {
  /** Appends an action. */
  readonly act: (action: RawAction) => void;
  /** The ID of the room's latest event after the actions so far. */
  readonly head: (room: string) => string;
  /** The ID of the room's create event. */
  readonly createEvent: (room: string) => string;
}

/** A generated sequence. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Options to set on top of the profile (only ones that switch a guard on). */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Writes the actions through `ctx`. */
  readonly write: (ctx: ScenarioContext) => void;
}

const ALICE = "@alice:a.example";
const BOB = "@bob:b.example";
const CAROL = "@carol:c.example";
const DAVE = "@dave:d.example";

/** Power levels that make a scenario independent of each profile's defaults. */
function levels(users: Record<string, number>, overrides: Record<string, number> = {}) {
  return {
    users,
    users_default: 0,
    events_default: 0,
    state_default: 50,
    invite: 0,
    kick: 50,
    ban: 50,
    redact: 50,
    ...overrides,
  };
}

/** A group chat by alice with an explicit join rule and power levels. */
function groupChat(ctx: ScenarioContext, room: string, joinRule = "invite", invite: string[] = []): void {
  ctx.act({
    kind: "create-room",
    user: ALICE,
    room,
    chatType: "group-chat",
    ...(invite.length > 0 ? { invite } : {}),
  });
  ctx.act({ kind: "set-join-rule", user: ALICE, room, joinRule });
  ctx.act({ kind: "set-power-levels", user: ALICE, room, content: levels({ [ALICE]: 100, [BOB]: 50 }) });
}

/** The scenarios, in file order. */
export const SCENARIOS: ReadonlyArray<Scenario> = [
  {
    name: "membership-levels",
    description:
      "Membership changes against explicit power levels: invite, kick, ban and unban levels, outranking, bans, knocks, power-level changes and redactions.",
    write: (ctx) => {
      const room = "!levels:a.example";
      const act = (kind: string, user: string, extra: Record<string, unknown> = {}) =>
        ctx.act({ kind, user, room, ...extra });
      // No profile recognises this room version, so creation is refused before anything exists.
      ctx.act({
        kind: "create-room",
        user: ALICE,
        room,
        chatType: "group-chat",
        roomVersion: "org.example.unknown",
      });
      groupChat(ctx, room);
      act("invite", ALICE, { target: BOB });
      act("join", BOB);
      act("invite", ALICE, { target: BOB });
      act("invite", ALICE, { target: CAROL });
      act("join", CAROL);
      act("kick", CAROL, { target: BOB });
      act("ban", CAROL, { target: BOB });
      act("kick", BOB, { target: ALICE });
      act("ban", BOB, { target: ALICE });
      act("ban", BOB, { target: CAROL });
      act("join", CAROL);
      act("set-power-levels", ALICE, { content: levels({ [ALICE]: 100, [BOB]: 50 }, { ban: 75 }) });
      act("unban", BOB, { target: CAROL });
      act("unban", ALICE, { target: CAROL });
      act("set-join-rule", ALICE, { joinRule: "knock" });
      act("knock", DAVE);
      act("knock", BOB);
      act("set-power-levels", BOB, { content: levels({ [ALICE]: 100, [BOB]: 100 }) });
      act("send-message", BOB, { body: "one" });
      const first = ctx.head(room);
      act("send-message", BOB, { body: "two" });
      const second = ctx.head(room);
      act("redact", BOB, { eventId: first });
      act("redact", ALICE, { eventId: second });
      act("redact", BOB, { eventId: "$999999" });
    },
  },
  {
    name: "hub-misbehaviour",
    description:
      "Forged limited and fully-formed events, and a hub that tampers with auth events or forks the history; honest servers refuse each.",
    write: (ctx) => {
      const room = "!tamper:a.example";
      groupChat(ctx, room, "invite", [BOB, CAROL]);
      ctx.act({ kind: "join", user: BOB, room });
      const bobJoin = ctx.head(room);
      ctx.act({ kind: "join", user: CAROL, room });
      const forged = (sender: string, ciphertext: string) => ({
        type: "m.room.encrypted",
        sender,
        content: { ciphertext },
      });
      ctx.act({ kind: "forge-limited", server: "b.example", room, event: forged(ALICE, "I am alice") });
      ctx.act({
        kind: "forge-limited",
        server: "b.example",
        room,
        to: "c.example",
        event: forged(BOB, "psst"),
      });
      ctx.act({
        kind: "forge-fully-formed",
        server: "b.example",
        room,
        to: "a.example",
        event: forged(BOB, "mine"),
      });
      ctx.act({
        kind: "forge-fully-formed",
        server: "b.example",
        room,
        to: "c.example",
        event: forged(BOB, "hubless"),
      });
      ctx.act({ kind: "send-message", user: BOB, room, body: "a message" });
      const message = ctx.head(room);
      const create = ctx.createEvent(room);
      const tamper = (tamper: string, authEvent?: string) =>
        ctx.act({
          kind: "hub-tamper",
          room,
          tamper,
          ...(authEvent === undefined ? {} : { authEvent }),
          event: forged(ALICE, "x"),
        });
      tamper("add-auth-event", message);
      tamper("add-auth-event", create);
      tamper("add-auth-event", bobJoin);
      tamper("remove-auth-event", create);
      tamper("fork");
      // An auth event from another room is no event of this one.
      const elsewhere = "!elsewhere:a.example";
      ctx.act({ kind: "create-room", user: ALICE, room: elsewhere, chatType: "group-chat" });
      tamper("add-auth-event", ctx.createEvent(elsewhere));
      ctx.act({ kind: "send-message", user: ALICE, room, body: "business as usual" });
    },
  },
  {
    name: "dm-lowest-id-creates",
    description: "Only the member whose user ID sorts first may create a DM or group DM.",
    overrides: { "chat.dm-creation": "lowest-id-creates" },
    write: (ctx) => {
      ctx.act({ kind: "create-room", user: BOB, room: "!ba:b.example", chatType: "dm", invite: [ALICE] });
      ctx.act({ kind: "create-room", user: ALICE, room: "!ab:a.example", chatType: "dm", invite: [BOB] });
      ctx.act({
        kind: "create-room",
        user: CAROL,
        room: "!g:c.example",
        chatType: "group-dm",
        invite: [ALICE, BOB],
      });
    },
  },
  {
    name: "kick-target-joined",
    description: "Under joined-only kicks, an invited user cannot be kicked; a joined one can.",
    overrides: { "auth.kick-target": "joined-only" },
    write: (ctx) => {
      const room = "!kick:a.example";
      groupChat(ctx, room);
      ctx.act({ kind: "invite", user: ALICE, room, target: BOB });
      ctx.act({ kind: "kick", user: ALICE, room, target: BOB });
      ctx.act({ kind: "join", user: BOB, room });
      ctx.act({ kind: "kick", user: ALICE, room, target: BOB });
    },
  },
  {
    name: "knock-not-invited",
    description: "When knocks from invited users are rejected, an invitee cannot knock; anyone else can.",
    overrides: { "auth.knock-from-invite": "reject" },
    write: (ctx) => {
      const room = "!knock:a.example";
      groupChat(ctx, room, "knock");
      ctx.act({ kind: "invite", user: ALICE, room, target: BOB });
      ctx.act({ kind: "knock", user: BOB, room });
      ctx.act({ kind: "knock", user: CAROL, room });
    },
  },
  {
    name: "redact-others-by-level",
    description:
      "When redacting others' events goes by power level, a user at the redact level may and one below it may not.",
    overrides: { "mgmt.redact-others": "power-level" },
    write: (ctx) => {
      const room = "!redact:a.example";
      groupChat(ctx, room, "invite", [BOB, CAROL]);
      ctx.act({ kind: "join", user: BOB, room });
      ctx.act({ kind: "join", user: CAROL, room });
      ctx.act({ kind: "send-message", user: BOB, room, body: "spam" });
      const spam = ctx.head(room);
      ctx.act({ kind: "redact", user: CAROL, room, eventId: spam });
      ctx.act({ kind: "redact", user: ALICE, room, eventId: spam });
    },
  },
];
