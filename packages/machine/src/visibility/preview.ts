/**
 * First contact (SHARING-1..9): what an invitee sees before consenting, computed from the chat
 * type, the profiles and sharing settings of the inviter, the invitee and the members, the hub
 * provider's settings and the profile, by the rules of `models/visibility.json`.
 *
 * @module
 */
import type { UserId } from "@mimi-spec/schema";
import { type ChatType, type SettingName, VISIBILITY_RULES } from "../generated/tables.ts";
import type { SettingOwner } from "../models/visibility.ts";
import { enabledUnder, type Profile } from "../profile.ts";

/** Sharing settings that are on (a setting that is absent is off). */
export type Settings = Readonly<Partial<Record<SettingName, boolean>>>;

/** What a user has in their profile, and their sharing settings. */
export interface Person {
  readonly userId: UserId;
  readonly name?: string;
  readonly avatar?: string;
  readonly status?: string;
  readonly chosenIdentifier?: string;
  readonly settings: Settings;
}

/** Everything a preview depends on. */
export interface PreviewInputs {
  readonly chatType: ChatType;
  readonly inviter: Person;
  readonly invitee: Person;
  readonly hubSettings: Settings;
  /** The room's other members and invitees (not the invitee), sorted by user ID. */
  readonly members: ReadonlyArray<Person>;
  readonly roomName?: string;
  /** For a DM: the inviter's first message, if they sent one with the invite. */
  readonly firstMessage?: string;
}

/** One member as a preview lists them. */
export interface PreviewMember {
  readonly userId: UserId;
  readonly name: string;
  readonly avatar?: string;
}

/** What the invitee sees before consenting. */
export interface Preview {
  readonly inviter: {
    readonly userId?: UserId;
    readonly name?: string;
    readonly chosenIdentifier?: string;
    readonly avatar?: string;
    readonly status?: string;
  };
  readonly roomName?: string;
  readonly members?: ReadonlyArray<PreviewMember>;
  readonly firstMessage?: string;
  /** The rules that showed something. */
  readonly shownBy: ReadonlyArray<string>;
}

/** A user's display name: their profile name, else their user ID's localpart. */
export function displayName(person: Person): string {
  return person.name ?? person.userId.slice(1, person.userId.indexOf(":"));
}

function settingOn(
  inputs: PreviewInputs,
  owner: SettingOwner,
  setting: SettingName,
  member?: Person,
): boolean {
  switch (owner) {
    case "inviter":
      return inputs.inviter.settings[setting] === true;
    case "invitee":
      return inputs.invitee.settings[setting] === true;
    case "hub":
      return inputs.hubSettings[setting] === true;
    case "member":
      return member?.settings[setting] === true;
  }
}

/** The preview the invitee sees. */
export function previewFor(inputs: PreviewInputs, profile: Profile): Preview {
  const inviter: Record<string, string> = {};
  let roomName: string | undefined;
  let members: PreviewMember[] | undefined;
  let firstMessage: string | undefined;
  let avatarRule: (typeof VISIBILITY_RULES)[number] | undefined;
  const shownBy: string[] = [];
  for (const rule of VISIBILITY_RULES) {
    if (!rule.chatTypes.includes(inputs.chatType) || !enabledUnder(profile, rule.enabledWhen)) continue;
    if (rule.field === "members.avatars") {
      avatarRule = rule;
      continue;
    }
    const holds =
      rule.when === "always" || rule.when.every((c) => settingOn(inputs, c.of, c.setting as SettingName));
    if (!holds) continue;
    switch (rule.field) {
      case "inviter.name":
        inviter.name = displayName(inputs.inviter);
        break;
      case "inviter.chosen-identifier":
        inviter.chosenIdentifier = inputs.inviter.chosenIdentifier ?? inputs.inviter.userId;
        break;
      case "inviter.user-id":
        inviter.userId = inputs.inviter.userId;
        break;
      case "inviter.avatar":
        if (inputs.inviter.avatar !== undefined) inviter.avatar = inputs.inviter.avatar;
        break;
      case "inviter.status":
        if (inputs.inviter.status !== undefined) inviter.status = inputs.inviter.status;
        break;
      case "first-message":
        firstMessage = inputs.firstMessage;
        break;
      case "room.name":
        roomName = inputs.roomName;
        break;
      case "members.names-and-ids":
        members = inputs.members.map((m) => ({ userId: m.userId, name: displayName(m) }));
        break;
    }
    shownBy.push(rule.id);
  }
  // Avatars go with the members a preview lists, each by that member's own setting (SHARING-9).
  if (avatarRule !== undefined && members !== undefined) {
    const rule = avatarRule;
    members = members.map((listed, i) => {
      const person = inputs.members[i];
      const on =
        rule.when === "always" ||
        rule.when.every((c) => settingOn(inputs, c.of, c.setting as SettingName, person));
      return on && person?.avatar !== undefined ? { ...listed, avatar: person.avatar } : listed;
    });
    shownBy.push(rule.id);
  }
  return {
    inviter,
    ...(roomName === undefined ? {} : { roomName }),
    ...(members === undefined ? {} : { members }),
    ...(firstMessage === undefined ? {} : { firstMessage }),
    shownBy,
  };
}
