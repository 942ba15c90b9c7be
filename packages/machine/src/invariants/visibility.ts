/**
 * Invariants of first contact (SHARING-1..9), checked on every preview a server stored for an
 * invite. Each is written from its requirement, not from `models/visibility.json`, so it
 * cross-checks the table: a preview must show what the requirement says and nothing the
 * settings keep back.
 *
 * @module
 */
import { optionIs } from "../profile.ts";
import type { InviteRecord } from "../server/server.ts";
import { displayName, type Person, type Preview, type PreviewInputs } from "../visibility/preview.ts";
import type { World } from "../world.ts";
import type { Invariant } from "./invariant.ts";

type Check = (inputs: PreviewInputs, preview: Preview, world: World) => string | undefined;

function eachPreview(world: World, check: Check): string | undefined {
  for (const [server, state] of world.servers)
    for (const record of state.persisted.invites.values() as Iterable<InviteRecord>) {
      if (record.previewInputs === undefined || record.preview === undefined) continue;
      const problem = check(record.previewInputs, record.preview, world);
      if (problem !== undefined)
        return `${server}'s preview of ${record.room} for ${record.user}: ${problem}`;
    }
  return undefined;
}

const isDm = (i: PreviewInputs) => i.chatType === "dm";
const isGroupChat = (i: PreviewInputs) => i.chatType === "group-chat" || i.chatType === "public-chat";

/** `shown` must equal `expected` (both possibly undefined). */
function exactly(what: string, shown: unknown, expected: unknown): string | undefined {
  return shown === expected
    ? undefined
    : `${what} is ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`;
}

/** The members the invitee should be shown, names and IDs. */
function memberLines(members: ReadonlyArray<Person>): string {
  return members.map((m) => `${m.userId}=${displayName(m)}`).join(",");
}

/** The invariants of first-contact previews. */
export const visibilityInvariants: ReadonlyArray<Invariant> = [
  {
    id: "preview.dm.sender-name",
    requirements: ["SHARING-1", "OQ-SHARING-1"],
    description:
      "A DM invitee sees the inviter's name (or, under first-contact.sender-label = chosen-identifier, the identifier the inviter chose).",
    check: (world) =>
      eachPreview(world, (i, p, w) => {
        if (!isDm(i)) return undefined;
        return optionIs(w.config.profile, "first-contact.sender-label", "name")
          ? exactly("the inviter's name", p.inviter.name, displayName(i.inviter))
          : exactly(
              "the inviter's chosen identifier",
              p.inviter.chosenIdentifier,
              i.inviter.chosenIdentifier ?? i.inviter.userId,
            );
      }),
  },
  {
    id: "preview.dm.sender-id",
    requirements: ["SHARING-2"],
    description: "A DM invitee sees the inviter's user ID.",
    check: (world) =>
      eachPreview(world, (i, p) =>
        isDm(i) ? exactly("the inviter's ID", p.inviter.userId, i.inviter.userId) : undefined,
      ),
  },
  {
    id: "preview.dm.sender-avatar",
    requirements: ["SHARING-3"],
    description: "A DM invitee sees the inviter's avatar exactly when the inviter's own setting shares it.",
    check: (world) =>
      eachPreview(world, (i, p) =>
        isDm(i)
          ? exactly(
              "the inviter's avatar",
              p.inviter.avatar,
              i.inviter.settings["share-avatar"] === true ? i.inviter.avatar : undefined,
            )
          : undefined,
      ),
  },
  {
    id: "preview.dm.first-message",
    requirements: ["SHARING-4"],
    description:
      "A DM invitee sees the first message before consenting exactly when the invitee's own setting allows it.",
    check: (world) =>
      eachPreview(world, (i, p) =>
        isDm(i)
          ? exactly(
              "the first message",
              p.firstMessage,
              i.invitee.settings["see-messages-before-consent"] === true ? i.firstMessage : undefined,
            )
          : undefined,
      ),
  },
  {
    id: "preview.dm.status-message",
    requirements: ["SHARING-5"],
    description:
      "A DM invitee sees the inviter's status message only when both the inviter's and the invitee's settings allow it.",
    check: (world) =>
      eachPreview(world, (i, p) => {
        if (!isDm(i)) return undefined;
        const both = i.inviter.settings["share-status"] === true && i.invitee.settings["see-status"] === true;
        return exactly("the inviter's status", p.inviter.status, both ? i.inviter.status : undefined);
      }),
  },
  {
    id: "preview.group-chat.name",
    requirements: ["SHARING-6"],
    description: "A group-chat invitee sees the chat's name.",
    check: (world) =>
      eachPreview(world, (i, p) =>
        isGroupChat(i) ? exactly("the chat's name", p.roomName, i.roomName) : undefined,
      ),
  },
  {
    id: "preview.group-dm.invitees",
    requirements: ["SHARING-7"],
    description: "A group-DM invitee sees the names and user IDs of the other members and invitees.",
    check: (world) =>
      eachPreview(world, (i, p) =>
        i.chatType === "group-dm"
          ? exactly(
              "the other members",
              (p.members ?? []).map((m) => `${m.userId}=${m.name}`).join(","),
              memberLines(i.members),
            )
          : undefined,
      ),
  },
  {
    id: "preview.group-chat.members",
    requirements: ["SHARING-8"],
    description:
      "A group-chat invitee sees the members' names and IDs exactly when the hub provider's setting allows it.",
    check: (world) =>
      eachPreview(world, (i, p) => {
        if (!isGroupChat(i)) return undefined;
        const allowed = i.hubSettings["show-members-before-consent"] === true;
        const shown =
          p.members === undefined ? undefined : p.members.map((m) => `${m.userId}=${m.name}`).join(",");
        return exactly("the members", shown, allowed ? memberLines(i.members) : undefined);
      }),
  },
  {
    id: "preview.avatar-by-owner",
    requirements: ["SHARING-9"],
    description: "An invitee sees a listed member's avatar exactly when that member's own setting shares it.",
    check: (world) =>
      eachPreview(world, (i, p) => {
        for (const listed of p.members ?? []) {
          const person = i.members.find((m) => m.userId === listed.userId);
          const expected = person?.settings["share-avatar"] === true ? person.avatar : undefined;
          const problem = exactly(`${listed.userId}'s avatar`, listed.avatar, expected);
          if (problem !== undefined) return problem;
        }
        return undefined;
      }),
  },
];
