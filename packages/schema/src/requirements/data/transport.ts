/**
 * [TRANSPORT] "MIMI Transport Service Requirements" (A. Cooper, 6 July 2023): every numbered
 * requirement (ID, CHAT, SHARING, MLSACP, HUB, PRIV) and the topics it defers. Statements are our
 * paraphrases. The source states functionality rather than BCP 14 keywords; the levels below say
 * how strongly the reference model treats each one.
 * @module
 */
import { byGrammarRule, byGuard, byInvariant, bySchema, notChecked } from "../check.ts";
import type { RequirementEntry } from "../entry.ts";
import { GRAMMAR_FILES } from "../grammar-files.ts";

/** Why the promotion follow-up questions are not checked. */
const PROMOTION_NOT_MODELLED =
  "only consulted when chat.promotion is not forbidden; the machine implements only 'forbidden' (no action promotes a room), so nothing reads this option";

/** [TRANSPORT 3.1] user identifiers. */
const identifiers: ReadonlyArray<RequirementEntry> = [
  {
    id: "ID-1",
    source: "TRANSPORT",
    section: "3.1",
    statement: "Each user of a provider is identified by exactly one canonical user ID.",
    level: "MUST",
    kind: "identifier",
    check: bySchema("UserId"),
    note: "The grammar admits only lower-case localparts, so a localpart has one spelling; server names stay case-sensitive (LM), so no case folding is applied.",
  },
  {
    id: "ID-2",
    source: "TRANSPORT",
    section: "3.1",
    statement: "A user ID is provider-specific: it has a provider part and a user part.",
    level: "MUST",
    kind: "grammar",
    check: byGrammarRule(GRAMMAR_FILES.identifiers, "user_id"),
    related: ["SIG-USER-1", "SIG-ID-10"],
    note: "In SIG-seed the provider part is server_name and the user part is user_id_localpart.",
  },
  {
    id: "ID-3",
    source: "TRANSPORT",
    section: "3.1",
    statement: "User IDs are unique across all providers.",
    level: "MUST",
    kind: "identifier",
    check: byInvariant("users.id-unique"),
    note: "Within the model: every user ID is served by exactly the server its ID names (profiles, and the signature on each accepted event). Beyond it, uniqueness rests on DNS ownership of server names and on each provider never issuing a localpart twice.",
  },
  {
    id: "ID-4",
    source: "TRANSPORT",
    section: "3.1",
    statement: "One person may hold several user IDs, at one provider or at several.",
    level: "MAY",
    kind: "identifier",
    check: notChecked(
      "the model knows no person behind a user ID; treating every user ID as independent is exactly what ID-4 permits, so there is nothing to enforce",
    ),
  },
  {
    id: "TRANSPORT-TODO-1",
    source: "TRANSPORT",
    section: "3.1",
    statement: "Provider discovery (finding which provider serves a user ID) is left for later work.",
    level: "INFORMATIVE",
    kind: "deferred",
    check: notChecked(
      "the source defers provider discovery; the model assumes the server_name is the provider",
    ),
  },
];

/** [TRANSPORT 3.2] chat types and what members may do in each. */
const chatTypes: ReadonlyArray<RequirementEntry> = [
  {
    id: "CHAT-1",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Direct messages (DMs) between two users are supported.",
    level: "MUST",
    kind: "existence",
    check: bySchema("ChatKind"),
  },
  {
    id: "CHAT-2",
    source: "TRANSPORT",
    section: "3.2",
    statement: "At any time at most one DM exists between the same two users.",
    level: "MUST",
    kind: "state-invariant",
    check: byInvariant("dm.unique-per-pair"),
    note: "No draft has an event-level mechanism for this; only RPOL-03 says one fixed-membership room per participant set (drafts-background §2.11 item 11). Enforcing it across providers is hard (the source says so).",
  },
  {
    id: "CHAT-3",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Group DMs (a fixed set of more than two users) are supported.",
    level: "MUST",
    kind: "existence",
    check: bySchema("ChatKind"),
    note: "The working group reached no firm conclusion on group DMs; they are modelled because CHAT-4, 7, 10 and 13 to 15 depend on them.",
  },
  {
    id: "CHAT-4",
    source: "TRANSPORT",
    section: "3.2",
    statement: "At any time at most one group DM exists per exact set of users, except as CHAT-13 allows.",
    level: "MUST",
    kind: "state-invariant",
    check: byInvariant("group-dm.unique-per-member-set"),
    related: ["CHAT-13"],
    note: "The source says 'except in the case of CHAT-9', an evident numbering slip: the exception it describes is CHAT-13.",
  },
  {
    id: "CHAT-5",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Group chats are supported.",
    level: "MUST",
    kind: "existence",
    check: bySchema("ChatKind"),
  },
  {
    id: "CHAT-6",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Nobody can be added to a DM.",
    level: "MUST NOT",
    kind: "transition-rule",
    check: byGuard("dm.no-add"),
  },
  {
    id: "CHAT-7",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Nobody can be added to a group DM.",
    level: "MUST NOT",
    kind: "transition-rule",
    check: byGuard("group-dm.no-add"),
  },
  {
    id: "CHAT-8",
    source: "TRANSPORT",
    section: "3.2",
    statement: "New users can be added to a group chat.",
    level: "MUST",
    kind: "transition-rule",
    check: byInvariant("group-chat.add"),
    related: ["OQ-MGMT-1"],
  },
  {
    id: "CHAT-9",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Neither user can leave a DM.",
    level: "MUST NOT",
    kind: "transition-rule",
    check: byGuard("dm.no-leave"),
  },
  {
    id: "CHAT-10",
    source: "TRANSPORT",
    section: "3.2",
    statement: "A member can leave a group DM.",
    level: "MUST",
    kind: "transition-rule",
    check: byInvariant("group-dm.leave"),
    note: "RPOL-03 fixed-membership rooms forbid leaving, which contradicts this; see OQ-MGMT-7.",
    related: ["OQ-MGMT-7"],
  },
  {
    id: "CHAT-11",
    source: "TRANSPORT",
    section: "3.2",
    statement: "A member can leave a group chat.",
    level: "MUST",
    kind: "transition-rule",
    check: byInvariant("group-chat.leave"),
  },
  {
    id: "CHAT-12",
    source: "TRANSPORT",
    section: "3.2",
    statement: "Public chats are supported.",
    level: "MUST",
    kind: "existence",
    check: bySchema("ChatKind"),
  },
  {
    id: "CHAT-13",
    source: "TRANSPORT",
    section: "3.2",
    statement:
      "A group DM that loses a member stays a group DM of the rest, even if another group DM has that membership; the leaver's client keeps history up to the leave.",
    level: "MUST",
    kind: "state-invariant",
    check: byInvariant("group-dm.survives-leave"),
    related: ["CHAT-4"],
    note: "The history half is client-side and absent from every draft (drafts-background §2.10).",
  },
  {
    id: "CHAT-14",
    source: "TRANSPORT",
    section: "3.2",
    statement:
      "A group DM reduced to two users never turns into a DM and stays apart from any DM between those two.",
    level: "MUST",
    kind: "state-invariant",
    check: byInvariant("group-dm.never-becomes-dm"),
  },
  {
    id: "CHAT-15",
    source: "TRANSPORT",
    section: "3.2",
    statement: "A user who left a group DM cannot join it again.",
    level: "MUST NOT",
    kind: "transition-rule",
    check: byGuard("group-dm.no-rejoin"),
  },
];

/** [TRANSPORT 3.3] what a user sees at first contact, before consenting. */
const firstContact: ReadonlyArray<RequirementEntry> = [
  {
    id: "SHARING-1",
    source: "TRANSPORT",
    section: "3.3",
    statement: "When Alice first sends Bob a DM, Bob can see Alice's name.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.dm.sender-name"),
    related: ["OQ-SHARING-1"],
  },
  {
    id: "SHARING-2",
    source: "TRANSPORT",
    section: "3.3",
    statement: "When Alice first sends Bob a DM, Bob can see Alice's user identifier.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.dm.sender-id"),
  },
  {
    id: "SHARING-3",
    source: "TRANSPORT",
    section: "3.3",
    statement: "Alice's own setting decides whether Bob sees her avatar before he consents.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.dm.sender-avatar"),
  },
  {
    id: "SHARING-4",
    source: "TRANSPORT",
    section: "3.3",
    statement: "Bob's own setting decides whether he sees Alice's first message before he consents.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.dm.first-message"),
  },
  {
    id: "SHARING-5",
    source: "TRANSPORT",
    section: "3.3",
    statement: "Bob sees Alice's status message only if both Alice's and Bob's settings allow it.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.dm.status-message"),
  },
  {
    id: "SHARING-6",
    source: "TRANSPORT",
    section: "3.3",
    statement: "A user invited to a group chat can see the chat's name.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.group-chat.name"),
  },
  {
    id: "SHARING-7",
    source: "TRANSPORT",
    section: "3.3",
    statement: "A user invited to a group DM can see the names and user IDs of the other invitees.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.group-dm.invitees"),
  },
  {
    id: "SHARING-8",
    source: "TRANSPORT",
    section: "3.3",
    statement:
      "The hub provider's setting decides whether a group-chat invitee sees members' names and IDs before consenting.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.group-chat.members"),
  },
  {
    id: "SHARING-9",
    source: "TRANSPORT",
    section: "3.3",
    statement:
      "Each member's or invitee's own setting decides whether a new invitee sees their avatar before consenting.",
    level: "MUST",
    kind: "visibility-rule",
    check: byInvariant("preview.avatar-by-owner"),
  },
];

/** [TRANSPORT 3.5 to 3.9] MLS access control, hubs, metadata privacy, deferred topics. */
const accessHubsPrivacy: ReadonlyArray<RequirementEntry> = [
  {
    id: "MLSACP-1",
    source: "TRANSPORT",
    section: "3.5",
    statement:
      "Every chat has an MLS access-control policy: which roles may make which MLS proposals and which roles must accept a commit.",
    level: "MUST",
    kind: "state-invariant",
    check: byInvariant("room.has-mls-acp"),
  },
  {
    id: "MLSACP-2",
    source: "TRANSPORT",
    section: "3.5",
    statement:
      "Servers may propose an MLS access-control policy, which clients check against agreed templates.",
    level: "MAY",
    kind: "transition-rule",
    check: byGuard("mls-acp.server-proposal"),
    note: "No template has been written down; the source waits for a concrete proposal.",
  },
  {
    id: "MLSACP-3",
    source: "TRANSPORT",
    section: "3.5",
    statement: "Clients may propose an MLS access-control policy.",
    level: "MAY",
    kind: "transition-rule",
    check: byGuard("mls-acp.client-proposal"),
  },
  {
    id: "HUB-1",
    source: "TRANSPORT",
    section: "3.6",
    statement: "Each chat has exactly one provider running its hub server.",
    level: "MUST",
    kind: "state-invariant",
    check: byInvariant("hub.exactly-one"),
    note: "LM picks the hub as the server of the create event's sender.",
  },
  {
    id: "HUB-2",
    source: "TRANSPORT",
    section: "3.6",
    statement: "Every event a member initiates is processed by the hub and fanned out to the guest servers.",
    level: "MUST",
    kind: "delivery-rule",
    check: byInvariant("hub.processes-and-fans-out"),
    related: ["OQ-HUB-1"],
    note: "The source wonders whether fan-out goes to clients too. MX-v11 and MSC3995 let DAG servers bypass the hub; LM rules that out of MIMI.",
  },
  {
    id: "HUB-3",
    source: "TRANSPORT",
    section: "3.6",
    statement: "The hub role of a chat never moves to another provider.",
    level: "MUST NOT",
    kind: "transition-rule",
    check: byGuard("hub.no-transfer"),
    related: ["OQ-HUB-2"],
    note: "Agrees with LM and RP-00, where hub transfer is still TODO.",
  },
  {
    id: "PRIV-1",
    source: "TRANSPORT",
    section: "3.7",
    statement: "MLS commits may be sent as public (unencrypted-handshake) messages.",
    level: "MAY",
    kind: "event-shape",
    check: bySchema("MlsCommitContent"),
  },
  {
    id: "TRANSPORT-TODO-2",
    source: "TRANSPORT",
    section: "3.7",
    statement:
      "Metadata-privacy threat models and protections (identifiers, event metadata, group structure) are still open.",
    level: "INFORMATIVE",
    kind: "deferred",
    check: notChecked("the source has no requirement beyond PRIV-1 yet"),
  },
  {
    id: "TRANSPORT-TODO-3",
    source: "TRANSPORT",
    section: "3.8",
    statement: "Multi-device support has no requirements yet.",
    level: "INFORMATIVE",
    kind: "deferred",
    check: notChecked("the source section is a TODO; the model has one client per user"),
  },
  {
    id: "TRANSPORT-TODO-4",
    source: "TRANSPORT",
    section: "3.9",
    statement: "Offline support has no requirements yet.",
    level: "INFORMATIVE",
    kind: "deferred",
    check: notChecked("the source section is a TODO"),
  },
];

/** [TRANSPORT 3.2, 3.3] the open points the source raises next to its requirements. */
const transportQuestions: ReadonlyArray<RequirementEntry> = [
  {
    id: "OQ-CHAT-1",
    source: "TRANSPORT",
    section: "3.2",
    statement: "May a DM or a group DM be promoted to a group chat?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("dm.no-add"),
    related: ["CHAT-6", "CHAT-7", "SIG-POLICY-4"],
    note: "The machine implements the default, forbidden: no action promotes a room, and dm.no-add, group-dm.no-add and fixed-membership.fixed-join-rule keep DMs and group DMs closed; replace-room would need no new rule (it is an ordinary create-room, SIG-POLICY-4).",
    profileOption: {
      name: "chat.promotion",
      choices: [
        {
          value: "forbidden",
          summary: "No promotion: CHAT-6 and CHAT-7 keep DMs and group DMs closed to new users.",
          sources: ["TRANSPORT"],
        },
        {
          value: "replace-room",
          summary: "Promotion creates a new group chat (new room ID and policy) that replaces the old room.",
          sources: ["SIGNALING"],
        },
      ],
      default: "forbidden",
      defaultBasis: "other-draft",
      rationale:
        "The seed requirements forbid adding users to DMs and group DMs, and SIG-seed fixes a room's policy at creation, so promotion can only be an opt-in room replacement.",
    },
  },
  {
    id: "OQ-CHAT-2",
    source: "TRANSPORT",
    section: "3.2",
    statement: "If promotion is allowed, who must agree to it?",
    level: "OPEN",
    kind: "open-question",
    check: notChecked(PROMOTION_NOT_MODELLED),
    related: ["OQ-CHAT-1"],
    profileOption: {
      name: "chat.promotion-consent",
      choices: [
        { value: "all-members", summary: "Every current member must agree.", sources: [] },
        { value: "initiator", summary: "The member who asks for it decides alone.", sources: [] },
      ],
      default: "all-members",
      defaultBasis: "project-choice",
      rationale:
        "Promotion opens a closed conversation to newcomers, which changes what every member consented to; only consulted when chat.promotion is not forbidden.",
    },
  },
  {
    id: "OQ-CHAT-3",
    source: "TRANSPORT",
    section: "3.2",
    statement: "If promotion is allowed, what happens to the message history?",
    level: "OPEN",
    kind: "open-question",
    check: notChecked(PROMOTION_NOT_MODELLED),
    related: ["OQ-CHAT-1"],
    profileOption: {
      name: "chat.promotion-history",
      choices: [
        {
          value: "stays-in-old-room",
          summary: "The old room keeps its history, readable by its members only; the new chat starts empty.",
          sources: [],
        },
        {
          value: "copied",
          summary: "The history is copied into the new group chat, visible to later members.",
          sources: [],
        },
      ],
      default: "stays-in-old-room",
      defaultBasis: "project-choice",
      rationale:
        "Copying would show history to people the original members never admitted; keeping it in the replaced room needs no new mechanism.",
    },
  },
  {
    id: "OQ-CHAT-4",
    source: "TRANSPORT",
    section: "3.2",
    statement: "How do providers avoid creating a second DM, or group DM, for the same users?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("create.lowest-id-creates"),
    related: ["CHAT-2", "CHAT-4"],
    note: "The source itself says cross-provider uniqueness is hard; no draft has a mechanism (drafts-background §2.11 item 11). models/traces/dm-race.json shows the race under any-member, dm-race-prevented.json its absence under lowest-id-creates.",
    profileOption: {
      name: "chat.dm-creation",
      choices: [
        {
          value: "any-member",
          summary:
            "Any member's server creates it after checking what it knows; two providers can still race, breaking CHAT-2 or CHAT-4.",
          sources: [],
        },
        {
          value: "lowest-id-creates",
          summary:
            "Only the server of the member whose user ID sorts first may create it, so one server decides for each set of users.",
          sources: [],
        },
      ],
      default: "lowest-id-creates",
      defaultBasis: "project-choice",
      rationale:
        "No draft gives a mechanism, and without one CHAT-2 and CHAT-4 cannot hold across providers; one deciding server per set of users needs no global lock.",
    },
  },
  {
    id: "OQ-SHARING-1",
    source: "TRANSPORT",
    section: "3.3",
    statement: "At first contact, does Bob see Alice's name or an identifier Alice chose?",
    level: "OPEN",
    kind: "open-question",
    check: byInvariant("preview.dm.sender-name"),
    related: ["SHARING-1"],
    profileOption: {
      name: "first-contact.sender-label",
      choices: [
        { value: "name", summary: "Bob sees Alice's name (SHARING-1 as written).", sources: ["TRANSPORT"] },
        {
          value: "chosen-identifier",
          summary: "Bob sees an identifier of Alice's choosing (the variant the source asks about).",
          sources: [],
        },
      ],
      default: "name",
      defaultBasis: "other-draft",
      rationale: "SHARING-1 states the name; the alternative is only a question in the source.",
    },
  },
];

/** Every entry from [TRANSPORT], in document order. */
export const TRANSPORT_REQUIREMENTS: ReadonlyArray<RequirementEntry> = [
  ...identifiers,
  ...chatTypes,
  ...firstContact,
  ...accessHubsPrivacy,
  ...transportQuestions,
];
