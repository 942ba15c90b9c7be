/**
 * Creating a room (at the creator's server, its hub): the creation guards of the chat type
 * (members, uniqueness as this server knows it, who may create), then the creation batch, each
 * event formed and authorized like any other: the create event, the creator's join, the chat
 * type's join rules and history visibility, and the initial invites. Any refusal refuses it all.
 *
 * @module
 */
import type { RoomId, UserId } from "@mimi-spec/schema";
import type { CreateRoom } from "../action.ts";
import { DEFAULT_ENCRYPTION, EVENT_TYPES, type FullEvent, ROOM_VERSION } from "../event.ts";
import type { GuardId } from "../generated/guards.ts";
import { CHAT_TYPE_PROPERTIES, CREATION_RULES, MLS_ACP_DEFAULTS } from "../generated/tables.ts";
import { processAtHub } from "../hub/hub.ts";
import { authorizeCreate } from "../policy/authorize.ts";
import { ACCEPTED, check } from "../policy/guard.ts";
import { templateFits, templatesFor } from "../policy/mls.ts";
import { enabledUnder } from "../profile.ts";
import { storeReplica } from "../server/apply.ts";
import { roomsWithMembers } from "../server/directory.ts";
import { replicaFromCreate } from "../state/replica.ts";
import type { Verdict } from "../verdict.ts";
import { limitedEvent, serverOf } from "./build.ts";
import type { Draft } from "./draft.ts";

function problemWithMembers(creator: UserId, invitees: ReadonlyArray<UserId>): string | undefined {
  if (invitees.includes(creator)) return `the creator ${creator} is also an invitee`;
  const repeated = invitees.find((u, i) => invitees.indexOf(u) !== i);
  return repeated === undefined ? undefined : `${repeated} is invited twice`;
}

/** The creation guards; the first refusal, or `undefined`. */
function creationGuards(draft: Draft, action: CreateRoom): Verdict | undefined {
  const { ctx } = draft;
  const invitees = action.invite ?? [];
  const members = [action.user, ...invitees].sort();
  const type = CHAT_TYPE_PROPERTIES[action.chatType];
  const server = draft.server(serverOf(action.user));
  const values = () => ({
    members: members.join(", "),
    count: members.length,
    chatType: action.chatType,
    creator: action.user,
    server: server.name,
    lowest: members[0],
  });
  for (const rule of CREATION_RULES) {
    if (!rule.chatTypes.includes(action.chatType) || !enabledUnder(ctx.profile, rule.enabledWhen)) continue;
    const holds =
      rule.guard === "create.distinct-members"
        ? problemWithMembers(action.user, invitees) === undefined
        : rule.guard === "create.lowest-id-creates"
          ? members[0] === action.user
          : true;
    const refused = check(ctx, rule.guard as GuardId, holds, () => ({
      ...values(),
      detail: problemWithMembers(action.user, invitees),
    }));
    if (refused !== undefined) return refused;
  }
  if (type.members.guard !== undefined) {
    const fits =
      members.length >= type.members.min && (type.members.max === null || members.length <= type.members.max);
    const refused = check(ctx, type.members.guard as GuardId, fits, values);
    if (refused !== undefined) return refused;
  }
  const acp = action.mlsAcp ?? MLS_ACP_DEFAULTS[action.chatType];
  const acpCheck = check(ctx, "mls-acp.server-proposal", templateFits(acp, action.chatType), () => ({
    ...values(),
    value: acp,
    expected: templatesFor(action.chatType).join(", "),
  }));
  if (acpCheck !== undefined) return acpCheck;
  if (type.uniqueness.scope !== "none") {
    const existing = roomsWithMembers(server.persisted.directory, action.chatType, members);
    const refused = check(ctx, type.uniqueness.guard as GuardId, existing.length === 0, () => ({
      ...values(),
      existing: existing.join(", "),
    }));
    if (refused !== undefined) return refused;
  }
  return undefined;
}

/** Creates the room; the verdict of the first check or event that refuses, else acceptance. */
export function createRoom(draft: Draft, action: CreateRoom): Verdict {
  const hubName = serverOf(action.user);
  const unused = check(
    draft.ctx,
    "create.room-id-unused",
    !draft.server(hubName).persisted.rooms.has(action.room),
    () => ({
      room: action.room,
    }),
  );
  if (unused !== undefined) return unused;
  const type = CHAT_TYPE_PROPERTIES[action.chatType];
  const invitees = action.invite ?? [];
  const content = {
    room_version: action.roomVersion ?? ROOM_VERSION,
    chat_type: action.chatType,
    encryption: { algorithm: DEFAULT_ENCRYPTION },
    mls_acp: action.mlsAcp ?? MLS_ACP_DEFAULTS[action.chatType],
    ...(type.fixedMembership ? { members: [action.user, ...invitees].sort() } : {}),
  };
  const fields = {
    room_id: action.room as RoomId,
    type: EVENT_TYPES.create,
    state_key: "",
    sender: action.user,
    content,
    origin_server_ts: draft.tick(),
  };
  const create: FullEvent = {
    ...fields,
    event_id: draft.eventId({ ...fields, auth_events: [], prev_events: [] }),
    auth_events: [],
    prev_events: [],
    signedBy: [hubName],
  };
  const createVerdict = authorizeCreate(draft.ctx, create);
  if (!createVerdict.accepted) return createVerdict;
  const guards = creationGuards(draft, action);
  if (guards !== undefined) return guards;
  let replica = replicaFromCreate(create, hubName);
  draft.setServer(storeReplica(draft.server(hubName), replica, create));
  draft.registerRoom(action.room, hubName);
  draft.note(() => `${hubName} created ${action.room} (${action.chatType}) as its hub`);
  const batch = [
    { type: EVENT_TYPES.member, sender: action.user, stateKey: action.user, content: { membership: "join" } },
    ...(type.joinRule === null
      ? []
      : [
          {
            type: EVENT_TYPES.joinRules,
            sender: action.user,
            stateKey: "",
            content: { join_rule: type.joinRule },
          },
        ]),
    ...(type.historyVisibility === null
      ? []
      : [
          {
            type: EVENT_TYPES.historyVisibility,
            sender: action.user,
            stateKey: "",
            content: { history_visibility: type.historyVisibility },
          },
        ]),
    // A DM's first message travels with its invite (SHARING-4 is about seeing it before consenting).
    ...(action.firstMessage === undefined
      ? []
      : [
          {
            type: EVENT_TYPES.encrypted,
            sender: action.user,
            content: { algorithm: DEFAULT_ENCRYPTION, ciphertext: action.firstMessage },
          },
        ]),
    ...invitees.map((u) => ({
      type: EVENT_TYPES.member,
      sender: action.user,
      stateKey: u,
      content: { membership: "invite" },
    })),
  ];
  for (const spec of batch) {
    const outcome = processAtHub(
      draft,
      replica,
      limitedEvent(spec, action.room, hubName, draft.tick(), draft.profile),
      true,
    );
    if (!outcome.verdict.accepted) return outcome.verdict;
    const next = draft.server(hubName).persisted.rooms.get(action.room);
    if (next === undefined) return ACCEPTED;
    replica = next;
  }
  return ACCEPTED;
}
