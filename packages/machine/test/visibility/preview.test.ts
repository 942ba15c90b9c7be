import type { RoomId, UserId } from "@mimi-spec/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHAT_TYPES,
  emptyWorld,
  freshServer,
  type InviteRecord,
  type Person,
  type Preview,
  type PreviewInputs,
  previewFor,
  profileNamed,
  resolveProfile,
  type Settings,
  violations,
  type World,
} from "../../src/index.ts";
import { visibilityInvariants } from "../../src/invariants/visibility.ts";

const settings: fc.Arbitrary<Settings> = fc.record(
  {
    "share-avatar": fc.boolean(),
    "see-messages-before-consent": fc.boolean(),
    "share-status": fc.boolean(),
    "see-status": fc.boolean(),
  },
  { requiredKeys: [] },
);

const person = (id: string): fc.Arbitrary<Person> =>
  fc.record(
    {
      userId: fc.constant(id as UserId),
      name: fc.constantFrom("Ann", "Bo"),
      avatar: fc.constantFrom("mxc://x/1", "mxc://x/2"),
      status: fc.constant("busy"),
      chosenIdentifier: fc.constant("ann-the-great"),
      settings,
    },
    { requiredKeys: ["userId", "settings"] },
  );

const inputs: fc.Arbitrary<PreviewInputs> = fc.record(
  {
    chatType: fc.constantFrom(...CHAT_TYPES),
    inviter: person("@a:a.example"),
    invitee: person("@b:b.example"),
    hubSettings: fc.record({ "show-members-before-consent": fc.boolean() }, { requiredKeys: [] }),
    members: fc.tuple(person("@a:a.example"), person("@c:c.example")).map((m) => [...m]),
    roomName: fc.constant("Room"),
    firstMessage: fc.constant("hello"),
  },
  { requiredKeys: ["chatType", "inviter", "invitee", "hubSettings", "members"] },
);

/** A world whose only content is one stored invite with this preview. */
function worldWithPreview(previewInputs: PreviewInputs, preview: Preview, base: World = emptyWorld()): World {
  const server = freshServer("b.example" as never);
  const record: InviteRecord = {
    room: "!r:a.example" as RoomId,
    user: previewInputs.invitee.userId,
    event: {} as never,
    summary: { creator: previewInputs.inviter.userId, joinRule: "invite" },
    previewInputs,
    preview,
  };
  const invites = new Map([["!r:a.example @b:b.example", record]]);
  return {
    ...base,
    servers: new Map([[server.name, { ...server, persisted: { ...server.persisted, invites } }]]),
  };
}

describe("first-contact previews (models/visibility.json)", () => {
  it.each(["name", "chosen-identifier"])(
    "satisfy every SHARING invariant for every combination of settings (sender label: %s)",
    (label) => {
      const resolved = resolveProfile("lm-i1", { "first-contact.sender-label": label });
      if (!resolved.ok) throw new Error(resolved.message);
      const base = emptyWorld({ profile: resolved.profile });
      fc.assert(
        fc.property(inputs, (i) => {
          const world = worldWithPreview(i, previewFor(i, resolved.profile), base);
          expect(violations(world, visibilityInvariants)).toEqual([]);
        }),
        { numRuns: 400 },
      );
    },
  );

  it("are caught by the invariants when they show what a setting keeps back", () => {
    const i: PreviewInputs = {
      chatType: "dm",
      inviter: { userId: "@a:a.example" as UserId, avatar: "mxc://x/1", status: "busy", settings: {} },
      invitee: { userId: "@b:b.example" as UserId, settings: {} },
      hubSettings: {},
      members: [],
      firstMessage: "hello",
    };
    const honest = previewFor(i, profileNamed("lm-i1"));
    expect(honest.inviter).toEqual({ name: "a", userId: "@a:a.example" });
    expect(honest.firstMessage).toBeUndefined();
    const leaky = { ...honest, inviter: { ...honest.inviter, avatar: "mxc://x/1" }, firstMessage: "hello" };
    const found = violations(worldWithPreview(i, leaky), visibilityInvariants).map((v) => v.invariant.id);
    expect(found).toEqual(["preview.dm.sender-avatar", "preview.dm.first-message"]);
  });

  it("list group-DM invitees and, per each member's own setting, their avatars", () => {
    const i: PreviewInputs = {
      chatType: "group-dm",
      inviter: { userId: "@a:a.example" as UserId, settings: {} },
      invitee: { userId: "@b:b.example" as UserId, settings: {} },
      hubSettings: {},
      members: [
        {
          userId: "@a:a.example" as UserId,
          name: "Ann",
          avatar: "mxc://a",
          settings: { "share-avatar": true },
        },
        { userId: "@c:c.example" as UserId, avatar: "mxc://c", settings: {} },
      ],
    };
    expect(previewFor(i, profileNamed("lm-i1")).members).toEqual([
      { userId: "@a:a.example", name: "Ann", avatar: "mxc://a" },
      { userId: "@c:c.example", name: "c" },
    ]);
  });

  it("leave out an avatar or status nobody has, even where the settings would share it", () => {
    const sharing = { "share-avatar": true, "share-status": true, "see-status": true } as const;
    const dm: PreviewInputs = {
      chatType: "dm",
      inviter: { userId: "@a:a.example" as UserId, settings: sharing },
      invitee: { userId: "@b:b.example" as UserId, settings: sharing },
      hubSettings: {},
      members: [],
    };
    expect(previewFor(dm, profileNamed("lm-i1")).inviter).toStrictEqual({
      name: "a",
      userId: "@a:a.example",
    });
    const group: PreviewInputs = {
      ...dm,
      chatType: "group-dm",
      members: [{ userId: "@c:c.example" as UserId, settings: sharing }],
    };
    expect(previewFor(group, profileNamed("lm-i1")).members).toStrictEqual([
      { userId: "@c:c.example", name: "c" },
    ]);
  });
});
