import type { UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { violations } from "../../src/invariants/index.ts";
import { visibilityInvariants } from "../../src/invariants/visibility.ts";
import { type Profile, resolveProfile } from "../../src/profile.ts";
import { freshServer, type InviteRecord, inviteKey } from "../../src/server/server.ts";
import type { Person, Preview, PreviewInputs } from "../../src/visibility/preview.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, bob, carol, dave, hubCopy, room, runAll, worldWith } from "../support.ts";
import { chat, good } from "./breakers.ts";

const byName = (name: string): Profile => {
  const resolved = resolveProfile("lm-i1", name === "name" ? {} : { "first-contact.sender-label": name });
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.profile;
};

/** A world where b.example stored `preview` for bob's invite to the chat, made from `inputs`. */
function withPreview(
  inputs: PreviewInputs | undefined,
  preview: Preview | undefined,
  profile: Profile = byName("name"),
): World {
  const record: InviteRecord = {
    room: chat,
    user: bob,
    event: hubCopy(good, chat).state.head,
    summary: { creator: alice, joinRule: "invite" },
    ...(inputs === undefined ? {} : { previewInputs: inputs }),
    ...(preview === undefined ? {} : { preview }),
  };
  const server = freshServer(B);
  const invites = new Map([[inviteKey(chat, bob), record]]);
  const servers = new Map([[B, { ...server, persisted: { ...server.persisted, invites } }]]);
  return { ...emptyWorld({ profile }), servers };
}

/** Every preview invariant `world` breaks, with its message. */
const broken = (world: World): Array<[string, string]> =>
  violations(world, visibilityInvariants).map((v) => [v.invariant.id, v.message]);

const prefix = "b.example's preview of !chat:a.example for @bob:b.example: ";

const aliceP: Person = { userId: alice, name: "Alice", avatar: "alice.png", status: "busy", settings: {} };
const bobP: Person = { userId: bob, settings: {} };
const carolP: Person = { userId: carol, name: "Carol", avatar: "carol.png", settings: {} };
const daveP: Person = { userId: dave, avatar: "dave.png", settings: { "share-avatar": true } };

const dmInputs: PreviewInputs = {
  chatType: "dm",
  inviter: aliceP,
  invitee: bobP,
  hubSettings: {},
  members: [],
  firstMessage: "hello",
};
/** What a DM invitee sees when nobody shares anything: the inviter's name and ID (SHARING-1, 2). */
const dmPreview: Preview = { inviter: { userId: alice, name: "Alice" }, shownBy: [] };

describe("the preview invariants", () => {
  it("are these, in this order, each naming its requirements", () => {
    expect(visibilityInvariants.map((i) => [i.id, i.requirements])).toEqual([
      ["preview.dm.sender-name", ["SHARING-1", "OQ-SHARING-1"]],
      ["preview.dm.sender-id", ["SHARING-2"]],
      ["preview.dm.sender-avatar", ["SHARING-3"]],
      ["preview.dm.first-message", ["SHARING-4"]],
      ["preview.dm.status-message", ["SHARING-5"]],
      ["preview.group-chat.name", ["SHARING-6"]],
      ["preview.group-dm.invitees", ["SHARING-7"]],
      ["preview.group-chat.members", ["SHARING-8"]],
      ["preview.avatar-by-owner", ["SHARING-9"]],
    ]);
  });

  it("hold on the previews the machine stores for DM, group-DM and group-chat invites", () => {
    const world = runAll(emptyWorld(), [
      { kind: "set-profile", user: alice, name: "Alice", avatar: "a.png", status: "here" },
      { kind: "set-setting", user: alice, setting: "share-avatar", value: true },
      { kind: "set-setting", user: alice, setting: "share-status", value: true },
      { kind: "set-setting", user: bob, setting: "see-status", value: true },
      { kind: "set-setting", user: bob, setting: "see-messages-before-consent", value: true },
      { kind: "set-server-setting", server: A, setting: "show-members-before-consent", value: true },
      {
        kind: "create-room",
        user: alice,
        room: room("dm"),
        chatType: "dm",
        invite: [bob],
        firstMessage: "hi",
      },
      { kind: "create-room", user: alice, room: room("g"), chatType: "group-dm", invite: [bob, carol] },
      { kind: "create-room", user: alice, room: room("c"), chatType: "group-chat", invite: [bob, carol] },
    ]);
    const previews = [...(world.servers.get(B)?.persisted.invites.values() ?? [])].map((r) => r.preview);
    expect(previews).toHaveLength(3);
    expect(previews[0]).toMatchObject({
      inviter: { name: "Alice", avatar: "a.png", status: "here" },
      firstMessage: "hi",
    });
    expect(broken(world)).toEqual([]);
  });

  it("skip invite records without a preview or its inputs", () => {
    expect(broken(withPreview(undefined, { inviter: {}, shownBy: [] }))).toEqual([]);
    expect(broken(withPreview(dmInputs, undefined))).toEqual([]);
  });
});

describe("DM previews", () => {
  it("hold when the invitee sees exactly the inviter's name and ID", () => {
    expect(broken(withPreview(dmInputs, dmPreview))).toEqual([]);
  });

  it("sender-name: the inviter's name, else the localpart of their ID", () => {
    expect(broken(withPreview(dmInputs, { ...dmPreview, inviter: { userId: alice, name: "Eve" } }))).toEqual([
      ["preview.dm.sender-name", `${prefix}the inviter's name is "Eve", expected "Alice"`],
    ]);
    expect(broken(withPreview(dmInputs, { ...dmPreview, inviter: { userId: alice } }))).toEqual([
      ["preview.dm.sender-name", `${prefix}the inviter's name is undefined, expected "Alice"`],
    ]);
    const unnamed = { ...dmInputs, inviter: { userId: alice, settings: {} } };
    expect(broken(withPreview(unnamed, { ...dmPreview, inviter: { userId: alice, name: "alice" } }))).toEqual(
      [],
    );
  });

  it("sender-name under first-contact.sender-label = chosen-identifier: the chosen identifier, else the ID", () => {
    const profile = byName("chosen-identifier");
    const chosen = { ...dmInputs, inviter: { ...aliceP, chosenIdentifier: "ally" } };
    const shows = (chosenIdentifier: string) => ({
      ...dmPreview,
      inviter: { userId: alice, chosenIdentifier },
    });
    expect(broken(withPreview(chosen, shows("ally"), profile))).toEqual([]);
    expect(broken(withPreview(chosen, shows("Alice"), profile))).toEqual([
      ["preview.dm.sender-name", `${prefix}the inviter's chosen identifier is "Alice", expected "ally"`],
    ]);
    expect(broken(withPreview(dmInputs, shows(alice), profile))).toEqual([]);
    expect(broken(withPreview(dmInputs, dmPreview, profile))).toEqual([
      [
        "preview.dm.sender-name",
        `${prefix}the inviter's chosen identifier is undefined, expected "@alice:a.example"`,
      ],
    ]);
  });

  it("sender-id: the inviter's user ID", () => {
    expect(broken(withPreview(dmInputs, { ...dmPreview, inviter: { name: "Alice" } }))).toEqual([
      ["preview.dm.sender-id", `${prefix}the inviter's ID is undefined, expected "@alice:a.example"`],
    ]);
  });

  it("sender-avatar: exactly when the inviter shares it", () => {
    const shared = { ...dmInputs, inviter: { ...aliceP, settings: { "share-avatar": true } } };
    const withAvatar = { ...dmPreview, inviter: { ...dmPreview.inviter, avatar: "alice.png" } };
    expect(broken(withPreview(shared, withAvatar))).toEqual([]);
    expect(broken(withPreview(shared, dmPreview))).toEqual([
      ["preview.dm.sender-avatar", `${prefix}the inviter's avatar is undefined, expected "alice.png"`],
    ]);
    expect(broken(withPreview(dmInputs, withAvatar))).toEqual([
      ["preview.dm.sender-avatar", `${prefix}the inviter's avatar is "alice.png", expected undefined`],
    ]);
    const off = { ...dmInputs, inviter: { ...aliceP, settings: { "share-avatar": false } } };
    expect(broken(withPreview(off, withAvatar))).toHaveLength(1);
  });

  it("first-message: exactly when the invitee's own setting allows it", () => {
    const willing = { ...dmInputs, invitee: { ...bobP, settings: { "see-messages-before-consent": true } } };
    const withMessage = { ...dmPreview, firstMessage: "hello" };
    expect(broken(withPreview(willing, withMessage))).toEqual([]);
    expect(broken(withPreview(willing, dmPreview))).toEqual([
      ["preview.dm.first-message", `${prefix}the first message is undefined, expected "hello"`],
    ]);
    expect(broken(withPreview(dmInputs, withMessage))).toEqual([
      ["preview.dm.first-message", `${prefix}the first message is "hello", expected undefined`],
    ]);
    // The inviter's setting is not the one that counts.
    const inviterOnly = {
      ...dmInputs,
      inviter: { ...aliceP, settings: { "see-messages-before-consent": true } },
    };
    expect(broken(withPreview(inviterOnly, withMessage))).toHaveLength(1);
  });

  it("status-message: only when the inviter shares it and the invitee wants to see it", () => {
    const inputs = (share: boolean, see: boolean): PreviewInputs => ({
      ...dmInputs,
      inviter: { ...aliceP, settings: { "share-status": share } },
      invitee: { ...bobP, settings: { "see-status": see } },
    });
    const withStatus = { ...dmPreview, inviter: { ...dmPreview.inviter, status: "busy" } };
    expect(broken(withPreview(inputs(true, true), withStatus))).toEqual([]);
    expect(broken(withPreview(inputs(true, true), dmPreview))).toEqual([
      ["preview.dm.status-message", `${prefix}the inviter's status is undefined, expected "busy"`],
    ]);
    for (const [share, see] of [
      [true, false],
      [false, true],
      [false, false],
    ] as const) {
      expect(broken(withPreview(inputs(share, see), dmPreview))).toEqual([]);
      expect(broken(withPreview(inputs(share, see), withStatus))).toEqual([
        ["preview.dm.status-message", `${prefix}the inviter's status is "busy", expected undefined`],
      ]);
    }
  });
});

describe("group-chat and group-DM previews", () => {
  const members = [carolP, daveP];
  const chatInputs: PreviewInputs = {
    chatType: "group-chat",
    inviter: aliceP,
    invitee: bobP,
    hubSettings: {},
    members,
    roomName: "Team",
  };
  const chatPreview: Preview = { inviter: {}, roomName: "Team", shownBy: [] };
  const listed = [
    { userId: carol, name: "Carol" },
    { userId: dave, name: "dave", avatar: "dave.png" },
  ];

  it("hold for the DM-only invariants whatever a group preview shows of the inviter", () => {
    expect(
      broken(withPreview(chatInputs, { ...chatPreview, inviter: { name: "Eve", avatar: "x", status: "y" } })),
    ).toEqual([]);
  });

  it("group-chat.name: the chat's name, in group and public chats", () => {
    expect(broken(withPreview(chatInputs, chatPreview))).toEqual([]);
    expect(broken(withPreview(chatInputs, { inviter: {}, shownBy: [] }))).toEqual([
      ["preview.group-chat.name", `${prefix}the chat's name is undefined, expected "Team"`],
    ]);
    const publicChat = { ...chatInputs, chatType: "public-chat" as const };
    expect(broken(withPreview(publicChat, { ...chatPreview, roomName: "Other" }))).toEqual([
      ["preview.group-chat.name", `${prefix}the chat's name is "Other", expected "Team"`],
    ]);
  });

  it("group-chat.members: names and IDs exactly when the hub provider's setting allows it", () => {
    const open = { ...chatInputs, hubSettings: { "show-members-before-consent": true } };
    expect(broken(withPreview(open, { ...chatPreview, members: listed }))).toEqual([]);
    expect(broken(withPreview(open, chatPreview))).toEqual([
      [
        "preview.group-chat.members",
        `${prefix}the members is undefined, expected "${carol}=Carol,${dave}=dave"`,
      ],
    ]);
    expect(broken(withPreview(open, { ...chatPreview, members: [listed[0] as (typeof listed)[0]] }))).toEqual(
      [
        [
          "preview.group-chat.members",
          `${prefix}the members is "${carol}=Carol", expected "${carol}=Carol,${dave}=dave"`,
        ],
      ],
    );
    expect(broken(withPreview(chatInputs, { ...chatPreview, members: listed }))).toEqual([
      [
        "preview.group-chat.members",
        `${prefix}the members is "${carol}=Carol,${dave}=dave", expected undefined`,
      ],
    ]);
    const inviteeOnly = {
      ...chatInputs,
      invitee: { ...bobP, settings: { "show-members-before-consent": true } },
    };
    expect(broken(withPreview(inviteeOnly, chatPreview))).toEqual([]);
  });

  it("group-dm.invitees: always the other members' names and IDs, but no room name check", () => {
    const dmGroup: PreviewInputs = { ...chatInputs, chatType: "group-dm" };
    expect(broken(withPreview(dmGroup, { inviter: {}, members: listed, shownBy: [] }))).toEqual([]);
    expect(broken(withPreview(dmGroup, { inviter: {}, shownBy: [] }))).toEqual([
      [
        "preview.group-dm.invitees",
        `${prefix}the other members is "", expected "${carol}=Carol,${dave}=dave"`,
      ],
    ]);
    expect(broken(withPreview({ ...dmGroup, members: [] }, { inviter: {}, shownBy: [] }))).toEqual([]);
  });

  it("avatar-by-owner: a listed member's avatar exactly when that member shares it", () => {
    const open = { ...chatInputs, hubSettings: { "show-members-before-consent": true } };
    const carolAvatar = [{ ...listed[0], avatar: "carol.png" }, listed[1]] as typeof listed;
    expect(broken(withPreview(open, { ...chatPreview, members: carolAvatar }))).toEqual([
      ["preview.avatar-by-owner", `${prefix}${carol}'s avatar is "carol.png", expected undefined`],
    ]);
    const daveHidden = [listed[0], { userId: dave, name: "dave" }] as typeof listed;
    expect(broken(withPreview(open, { ...chatPreview, members: daveHidden }))).toEqual([
      ["preview.avatar-by-owner", `${prefix}${dave}'s avatar is undefined, expected "dave.png"`],
    ]);
    const stranger = [...listed, { userId: "@eve:e.example" as UserId, name: "eve", avatar: "eve.png" }];
    expect(broken(withPreview(open, { ...chatPreview, members: stranger }))).toContainEqual([
      "preview.avatar-by-owner",
      `${prefix}@eve:e.example's avatar is "eve.png", expected undefined`,
    ]);
  });
});

describe("previews the machine stores under each sender label", () => {
  it.each(["name", "chosen-identifier"])("hold under %s", (label) => {
    const world = runAll(worldWith(label === "name" ? {} : { "first-contact.sender-label": label }), [
      { kind: "set-profile", user: alice, name: "Alice", chosenIdentifier: "ally" },
      { kind: "create-room", user: alice, room: room("dm"), chatType: "dm", invite: [bob] },
    ]);
    const preview = [...(world.servers.get(B)?.persisted.invites.values() ?? [])][0]?.preview;
    expect(preview?.inviter).toEqual(
      label === "name" ? { userId: alice, name: "Alice" } : { userId: alice, chosenIdentifier: "ally" },
    );
    expect(broken(world)).toEqual([]);
  });
});
