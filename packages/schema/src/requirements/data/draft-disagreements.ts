/**
 * The points where the later drafts disagree with each other (drafts-background.md §2.6 table and
 * §2.11), plus the gaps the seed texts leave around the hub. Each is an open question with a named
 * profile option. The base is the LM I.1 text; where the default departs from it, `defaultBasis`
 * says so and the rationale says why. Sections are LM anchors with rule numbers.
 * @module
 */
import { byGuard, byInvariant, bySchema, notChecked } from "../check.ts";
import type { RequirementEntry } from "../entry.ts";

/** LM I.1 versus MX-v11 and the policy drafts: the membership auth rules. */
const authRules: ReadonlyArray<RequirementEntry> = [
  {
    id: "OQ-AUTH-1",
    source: "LM",
    section: "int-auth-rules 5.6.3",
    statement: "May a user who is currently invited knock?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.knock.not-invited"),
    profileOption: {
      name: "auth.knock-from-invite",
      choices: [
        {
          value: "allow",
          summary: "Knock is allowed unless the sender is banned or joined.",
          sources: ["LM", "EIGEN-SERVER"],
        },
        {
          value: "reject",
          summary:
            "Knock is also rejected when the sender is invited (matrix-spec PR #1717, Complement #702).",
          sources: ["MX-V11"],
        },
      ],
      default: "allow",
      defaultBasis: "lm-text",
      rationale:
        "LM I.1 followed the short-lived Matrix text that allowed it, and eigen-server does the same.",
    },
  },
  {
    id: "OQ-AUTH-2",
    source: "LM",
    section: "int-auth-rules 9.8",
    statement: "May a user lower the power level of another user who has the same level?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("power-levels.change"),
    profileOption: {
      name: "auth.demote-equal-power-level",
      choices: [
        {
          value: "allow",
          summary: "Reject only if the target's current level is greater than the sender's (LM's '>').",
          sources: ["LM"],
        },
        {
          value: "reject",
          summary: "Reject if the target's current level is greater than or equal to the sender's.",
          sources: ["MX-V11", "EIGEN-SERVER"],
        },
      ],
      default: "reject",
      defaultBasis: "deviates-from-lm",
      rationale:
        "Matrix fixed the same wording as a bug (matrix-spec #699, PR #1269) and LM's only implementation uses '>='; with '>' any admin can strip every other admin.",
    },
  },
  {
    id: "OQ-AUTH-3",
    source: "LM",
    section: "int-auth-rules 5.4",
    statement: "Which memberships can a kick (a leave sent for someone else) target?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.kick.target-joined"),
    related: ["OQ-MGMT-2"],
    profileOption: {
      name: "auth.kick-target",
      choices: [
        {
          value: "any-membership",
          summary:
            "Any current membership, which also covers denying a knock, revoking an invite and unbanning.",
          sources: ["LM"],
        },
        { value: "joined-only", summary: "Only joined users can be kicked.", sources: ["POL-00", "RP-00"] },
      ],
      default: "any-membership",
      defaultBasis: "lm-text",
      rationale:
        "POL-00 contradicts itself here: it calls declining a knock a kick and unbans a banned (not joined) user by kicking.",
    },
  },
  {
    id: "OQ-AUTH-4",
    source: "LM",
    section: "int-auth-rules 5.5",
    statement: "May a user be banned before they ever join (a pre-emptive ban)?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.ban.target-known"),
    related: ["OQ-MGMT-3"],
    profileOption: {
      name: "auth.preemptive-ban",
      choices: [
        {
          value: "allow",
          summary:
            "Ban puts no condition on the target's membership (LM, POL-00); RP-00 allows it explicitly.",
          sources: ["LM", "POL-00", "RP-00"],
        },
        {
          value: "forbid",
          summary: "Only users with some membership in the room can be banned (no draft says so).",
          sources: [],
        },
      ],
      default: "allow",
      defaultBasis: "lm-text",
      rationale: "Every draft allows it; LM still requires the target's level to be below the sender's.",
    },
  },
  {
    id: "OQ-AUTH-5",
    source: "LM",
    section: "int-ev-join-rules",
    statement: "Which join rule applies while a room has no join_rules event?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.join.rule"),
    profileOption: {
      name: "room.default-join-rule",
      choices: [
        {
          value: "none",
          summary: "No rule: LM's join rule 5.2.6 then rejects every join except the creator's first.",
          sources: ["LM"],
        },
        { value: "invite", summary: "Behave as join_rule = invite.", sources: ["POL-00", "EIGEN-SERVER"] },
      ],
      default: "invite",
      defaultBasis: "deviates-from-lm",
      rationale:
        "LM marks the default TODO and its literal rules leave such a room unjoinable; POL-00 defaults to invite and eigen-server sends join_rules=invite at creation.",
    },
  },
  {
    id: "OQ-AUTH-6",
    source: "LM",
    section: "int-auth-rules 3.3",
    statement: "Which room_version values does a create event accept?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("create.room-version"),
    note: "LM's own version string I.1 violates its room_version grammar (upper-case I).",
    profileOption: {
      name: "auth.create-room-version",
      choices: [
        {
          value: "exact",
          summary: "room_version must equal the one version this profile implements.",
          sources: ["LM"],
        },
        {
          value: "recognised",
          summary: "If present, room_version must be a version the server knows.",
          sources: ["MX-V11"],
        },
      ],
      default: "exact",
      defaultBasis: "lm-text",
      rationale: "The model implements one room version per profile, which is what LM's rule expresses.",
    },
  },
  {
    id: "OQ-AUTH-7",
    source: "LM",
    section: "int-auth-rules 4",
    statement: "Is an event rejected when one of its auth events was itself rejected?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("auth.auth-events-valid"),
    note: "Both choices give the same verdicts here: a rejected event never enters the history, and auth.auth-events-valid refuses an auth event that is not in it (LM 4.2 would too), so the machine does not read the option.",
    profileOption: {
      name: "auth.rejected-auth-events",
      choices: [
        { value: "no-rule", summary: "No such rule.", sources: ["LM"] },
        { value: "reject", summary: "Reject the event (MX-v11 rule 2.3).", sources: ["MX-V11"] },
      ],
      default: "no-rule",
      defaultBasis: "lm-text",
      rationale:
        "In a hub-linearized history rejected events never enter the room, so they cannot be auth events.",
    },
  },
  {
    id: "OQ-AUTH-8",
    source: "LM",
    section: "int-auth-rules 4",
    statement: "Is an event rejected when one of its auth events belongs to another room?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("auth.auth-events-valid"),
    note: "Both choices give the same verdicts here: an event of another room is not in this room's history, which auth.auth-events-valid refuses, so the machine does not read the option.",
    profileOption: {
      name: "auth.auth-event-room-mismatch",
      choices: [
        { value: "no-rule", summary: "No separate rule.", sources: ["LM"] },
        { value: "reject", summary: "Reject the event (MX-v11 rule 2.5).", sources: ["MX-V11"] },
      ],
      default: "no-rule",
      defaultBasis: "lm-text",
      rationale:
        "LM rule 4.2 already rejects auth events the selection does not call for, and the selection draws only on this room's state.",
    },
  },
  {
    id: "OQ-AUTH-9",
    source: "LM",
    section: "int-auth-rules",
    statement: "Is the m.federate flag of the create event honoured?",
    level: "OPEN",
    kind: "open-question",
    check: notChecked("with the default nothing reads m.federate, so there is nothing to check"),
    profileOption: {
      name: "auth.federate-flag",
      choices: [
        { value: "ignored", summary: "No rule reads it (LM leaves it TODO).", sources: ["LM"] },
        {
          value: "honoured",
          summary: "Events from servers other than the creator's are rejected when m.federate is false.",
          sources: ["MX-V11"],
        },
      ],
      default: "ignored",
      defaultBasis: "lm-text",
      rationale: "A MIMI room exists to be shared across providers; a non-federating room has no use here.",
    },
  },
  {
    id: "OQ-AUTH-10",
    source: "LM",
    section: "int-auth-rules 5.2.1",
    statement: "What exactly lets the creator's first join through?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("hub.append-at-head"),
    note: "The allow rule membership.join.creator-first reads the option; the two readings differ only for an event with several prev_events, which the hub never forms and hub.append-at-head refuses before any auth rule runs.",
    profileOption: {
      name: "auth.creator-first-join",
      choices: [
        { value: "previous-is-create", summary: "The previous event is the create event.", sources: ["LM"] },
        {
          value: "only-previous-is-create",
          summary: "The only previous event is the create event.",
          sources: ["MX-V11"],
        },
      ],
      default: "previous-is-create",
      defaultBasis: "lm-text",
      rationale:
        "Equivalent whenever prev_events has one entry, which LM requires of every hub-formed event.",
    },
  },
  {
    id: "OQ-AUTH-11",
    source: "LM",
    section: "int-auth-rules 5",
    statement: "Are restricted joins and third-party invites supported?",
    level: "OPEN",
    kind: "open-question",
    check: notChecked("with the default the machine has no such join paths, so there is nothing to check"),
    profileOption: {
      name: "auth.restricted-joins",
      choices: [
        { value: "absent", summary: "Neither exists.", sources: ["LM"] },
        {
          value: "matrix-v11",
          summary:
            "Restricted joins (join_authorised_via_users_server), knock_restricted and third-party invites.",
          sources: ["MX-V11", "EIGEN-SERVER"],
        },
      ],
      default: "absent",
      defaultBasis: "lm-text",
      rationale: "LM removed them; eigen-server keeps restricted joins only as Matrix heritage.",
    },
  },
  {
    id: "OQ-AUTH-12",
    source: "LM",
    section: "int-auth-rules 9",
    statement: "Do power_levels changes to the notifications levels need authorization?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("power-levels.change"),
    profileOption: {
      name: "auth.power-levels-notifications",
      choices: [
        { value: "unchecked", summary: "The notifications key is not checked.", sources: ["LM"] },
        {
          value: "checked",
          summary: "Checked like the events map.",
          sources: ["MX-V11", "EIGEN-SERVER"],
        },
      ],
      default: "unchecked",
      defaultBasis: "lm-text",
      rationale: "LM's power_levels content has no notifications key (TODO), so there is nothing to guard.",
    },
  },
  {
    id: "OQ-AUTH-14",
    source: "LM",
    section: "int-auth-rules 9.5",
    statement:
      "When a power_levels change adds or removes one of the seven scalar levels, what is the 'current value' (or the 'new value') of the side where it is absent?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("power-levels.change"),
    related: ["OQ-AUTH-2"],
    note: "It matters when the field's default is above the sender: with power_levels' own level lowered to 10, a level-10 user adding ban: 10 compares the old default 50 under default-level and nothing under present-only.",
    profileOption: {
      name: "auth.power-levels-absent-scalar",
      choices: [
        {
          value: "default-level",
          summary:
            "An absent field stands for its default level (LM's power_levels defaults), which is compared like a present one.",
          sources: ["LM"],
        },
        {
          value: "present-only",
          summary:
            "Only a present value is compared: adding a field checks only the new value, removing one only the old.",
          sources: ["SYNAPSE"],
        },
      ],
      default: "default-level",
      defaultBasis: "lm-text",
      rationale:
        "LM defines every absent scalar level by its default, so the current value of an added field is that default; Synapse compares only values present in the content.",
    },
  },
  {
    id: "OQ-AUTH-13",
    source: "LM",
    section: "int-auth-selection 4",
    statement: "Does the auth-event selection include join_rules for a knock?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("auth.select-auth-events"),
    related: ["SIG-AUTH-3"],
    profileOption: {
      name: "auth.select-join-rules-for-knock",
      choices: [
        {
          value: "omit",
          summary: "join_rules is selected only for join and invite.",
          sources: ["LM", "POL-00"],
        },
        {
          value: "include",
          summary: "join_rules is selected for join, invite and knock.",
          sources: ["MX-V11"],
        },
      ],
      default: "include",
      defaultBasis: "deviates-from-lm",
      rationale:
        "LM's knock rule 5.6.1 reads the join rule, which it cannot do from auth events that omit it; we treat the omission as a defect.",
    },
  },
];

/** Event format, hashing and signatures: LM versus SIG-00, RP-00, MSC3995 and eigen-server. */
const eventFormat: ReadonlyArray<RequirementEntry> = [
  {
    id: "OQ-EVENT-1",
    source: "LM",
    section: "int-lpdu",
    statement: "Who sets hub_server on an event sent through the hub: the participant or the hub?",
    level: "OPEN",
    kind: "open-question",
    check: bySchema("LimitedEvent"),
    profileOption: {
      name: "event.hub-server-set-by",
      choices: [
        {
          value: "participant",
          summary: "The participant puts it in the LPDU, so its signature and hashes.lpdu cover it.",
          sources: ["MX-DIFF", "EIGEN-SERVER"],
        },
        {
          value: "hub",
          summary: "The hub fills it in while converting the LPDU (a reading of the I-D prose).",
          sources: ["LM"],
        },
      ],
      default: "participant",
      defaultBasis: "deviates-from-lm",
      rationale:
        "LM's own rule that hashes.lpdu is present iff hub_server is, with the participant filling hashes.lpdu, only holds if the participant sets hub_server.",
    },
  },
  {
    id: "OQ-EVENT-2",
    source: "LM",
    section: "int-transport-send-events",
    statement: "Does an event the hub sends itself carry hub_server?",
    level: "OPEN",
    kind: "open-question",
    check: bySchema("FullyFormedEvent"),
    profileOption: {
      name: "event.hub-originated-hub-server",
      choices: [
        {
          value: "omit",
          summary: "No hub_server and no hashes.lpdu: the hub goes straight to a PDU.",
          sources: ["EIGEN-SERVER"],
        },
        {
          value: "self",
          summary: "hub_server names the hub itself, which signs only the PDU.",
          sources: ["MSC3995"],
        },
      ],
      default: "omit",
      defaultBasis: "other-draft",
      rationale:
        "LM only says the hub skips to the PDU; omitting keeps 'lpdu iff hub_server' true without a made-up LPDU hash.",
    },
  },
  {
    id: "OQ-EVENT-3",
    source: "LM",
    section: "int-ev-member",
    statement: "What are the membership event and its field called?",
    level: "OPEN",
    kind: "open-question",
    check: bySchema("MembershipEventContent"),
    profileOption: {
      name: "event.membership-naming",
      choices: [
        { value: "member-membership", summary: "m.room.member with content.membership.", sources: ["LM"] },
        {
          value: "user-participation",
          summary: "m.room.user with participation (RP-00 calls the field state).",
          sources: ["SIG-00", "POL-00", "RP-00"],
        },
      ],
      default: "member-membership",
      defaultBasis: "lm-text",
      rationale: "LM is the base text; the name changes nothing in the rules.",
    },
  },
  {
    id: "OQ-EVENT-4",
    source: "LM",
    section: "int-pdu",
    statement: "How are events encoded: JSON or a TLS-presentation-language struct?",
    level: "OPEN",
    kind: "open-question",
    check: bySchema("FullyFormedEvent"),
    related: ["SIG-TODO-1"],
    profileOption: {
      name: "encoding.event-format",
      choices: [
        { value: "json", summary: "JSON objects, hashed and signed in canonical JSON.", sources: ["LM"] },
        {
          value: "tls-presentation",
          summary: "A binary struct in TLS presentation language.",
          sources: ["SIG-00", "RP-00"],
        },
      ],
      default: "json",
      defaultBasis: "lm-text",
      rationale: "Only LM pins the encoding down; several SIG-00 fields lack length prefixes.",
    },
  },
  {
    id: "OQ-EVENT-5",
    source: "LM",
    section: "int-content-hashes",
    statement: "What does the content hash cover?",
    level: "OPEN",
    kind: "open-question",
    check: bySchema("EventHashes"),
    related: ["SIG-TODO-2"],
    profileOption: {
      name: "crypto.content-hash-coverage",
      choices: [
        {
          value: "pdu-and-lpdu",
          summary:
            "The PDU hash covers the hub's fields; a separate hashes.lpdu covers the participant's part.",
          sources: ["LM"],
        },
        {
          value: "origin-fields-only",
          summary: "One hash over the origin's fields, leaving out the hub-filled ones.",
          sources: ["SIG-00", "RP-00"],
        },
      ],
      default: "pdu-and-lpdu",
      defaultBasis: "lm-text",
      rationale: "LM is the only text that says how to rebuild and check both parts.",
    },
  },
  {
    id: "OQ-EVENT-6",
    source: "LM",
    section: "int-signing",
    statement: "Must the hub sign the events it forms?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("receive.signatures"),
    related: ["SIG-TODO-2"],
    profileOption: {
      name: "crypto.hub-signature",
      choices: [
        { value: "required", summary: "The hub's signature is required.", sources: ["LM", "SIG-00"] },
        { value: "none", summary: "No hub signature; TLS protects each hop.", sources: ["RP-00"] },
      ],
      default: "required",
      defaultBasis: "lm-text",
      rationale: "LM requires both the sender's server's and the hub's signatures.",
    },
  },
  {
    id: "OQ-JSON-1",
    source: "LM",
    section: "int-canonical-json",
    statement: "Which canonical JSON form is hashed and signed?",
    level: "OPEN",
    kind: "open-question",
    check: notChecked(
      "a choice of algorithm, not a rule: canonicalize() in src/canonical implements both (profile 'jcs' by default, or 'matrix'); no schema, guard or invariant applies",
    ),
    related: ["SIG-TODO-1"],
    note: "The two forms order U+1F600 and U+FB33 differently (MSC4458), so test vectors need non-BMP keys.",
    profileOption: {
      name: "encoding.canonical-json",
      choices: [
        {
          value: "jcs",
          summary: "RFC 8785 JCS: keys in UTF-16 code-unit order, ECMAScript number form.",
          sources: ["LM", "EIGEN-SERVER"],
        },
        {
          value: "matrix",
          summary: "Matrix canonical JSON: keys in code-point order, integers only in the safe range.",
          sources: ["MATRIX-SPEC"],
        },
      ],
      default: "jcs",
      defaultBasis: "lm-text",
      rationale: "LM says to use RFC 8785, and eigen-server does.",
    },
  },
];

/** Hub placement, history and identifiers. */
const hubHistoryIds: ReadonlyArray<RequirementEntry> = [
  {
    id: "OQ-HUB-1",
    source: "LM",
    section: "int-hub-selection",
    statement: "May servers exchange events directly (DAG style) and bypass the hub?",
    level: "OPEN",
    kind: "open-question",
    check: byInvariant("hub.processes-and-fans-out"),
    related: ["HUB-2"],
    profileOption: {
      name: "hub.dag-bypass",
      choices: [
        {
          value: "forbidden",
          summary: "Every event goes through the hub (HUB-2).",
          sources: ["LM", "TRANSPORT"],
        },
        {
          value: "allowed",
          summary: "DAG servers may send to each other directly.",
          sources: ["MX-V11", "MSC3995"],
        },
      ],
      default: "forbidden",
      defaultBasis: "lm-text",
      rationale: "HUB-2 requires it and LM rules DAG servers out of MIMI's scope.",
    },
  },
  {
    id: "OQ-HUB-2",
    source: "SIGNALING",
    section: "3",
    statement: "What happens when the hub's server no longer has any user in the room?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("hub.hub-server-left"),
    related: ["SIG-ID-5", "HUB-1", "HUB-3"],
    profileOption: {
      name: "hub.when-hub-server-leaves",
      choices: [
        {
          value: "hub-continues",
          summary: "The hub keeps ordering and fanning out events though none of its users is joined.",
          sources: [],
        },
        { value: "room-closed", summary: "The room accepts no further events.", sources: [] },
      ],
      default: "hub-continues",
      defaultBasis: "project-choice",
      rationale:
        "SIG-seed lets the room-ID server leave, HUB-3 forbids moving the hub and LM has no transfer; continuing keeps HUB-1 and HUB-3 true.",
    },
  },
  {
    id: "OQ-HIST-1",
    source: "LM",
    section: "event types (history_visibility is TODO)",
    statement: "Which history visibility applies while a room has no history_visibility event?",
    level: "OPEN",
    kind: "open-question",
    check: byInvariant("history.visible-to"),
    note: "POL-00's rules, with this option while no history_visibility event exists: the hub sends history and backfill redacted where none of the receiving server's users may see an event, and the invariant checks every follower's copy.",
    related: ["SIG-TODO-7"],
    profileOption: {
      name: "room.default-history-visibility",
      choices: [
        {
          value: "shared",
          summary: "Members see everything sent while the rule was shared, once they join.",
          sources: ["POL-00", "EIGEN-SERVER"],
        },
        { value: "joined", summary: "Members see only what was sent while they were joined.", sources: [] },
        { value: "invited", summary: "Members see what was sent from their invite on.", sources: [] },
        { value: "world", summary: "Anyone can see the history.", sources: [] },
      ],
      default: "shared",
      defaultBasis: "other-draft",
      rationale:
        "LM leaves history visibility TODO; POL-00 defaults to shared and eigen-server creates rooms with it.",
    },
  },
  {
    id: "OQ-HIST-2",
    source: "LM",
    section: "history (only the hub holds all of it)",
    statement: "Which server must keep which part of the history?",
    level: "OPEN",
    kind: "open-question",
    check: byInvariant("history.someone-keeps-all"),
    related: ["SIG-HIST-3"],
    profileOption: {
      name: "history.retention",
      choices: [
        {
          value: "hub-keeps-all",
          summary: "The hub keeps every event; participants keep what they like.",
          sources: ["LM"],
        },
        {
          value: "hub-keeps-auth-chain",
          summary: "The hub must keep the auth-event chain.",
          sources: ["SIG-00"],
        },
        {
          value: "hub-keeps-current-state",
          summary: "The hub must keep the current state and should keep the rest.",
          sources: ["RP-00"],
        },
      ],
      default: "hub-keeps-all",
      defaultBasis: "lm-text",
      rationale:
        "LM only guarantees full history at the hub, which serves backfill; that satisfies SIG-HIST-3.",
    },
  },
  {
    id: "OQ-ID-1",
    source: "LM",
    section: "int-server-names",
    statement: "May a server name be an IPv4 or IPv6 literal?",
    level: "OPEN",
    kind: "open-question",
    check: bySchema("StrictServerName"),
    related: ["SIG-ID-14"],
    note: "LM's grammar itself accepts 1.2.3.4 (digits and dots are dns-chars), so forbid needs a check beyond it: StrictServerName, and in the machine the guard id.no-ip-literal-server.",
    profileOption: {
      name: "id.server-name-ip-literals",
      choices: [
        { value: "forbid", summary: "IP literals must not be used as server names.", sources: ["LM"] },
        {
          value: "allow",
          summary: "IPv4 and bracketed IPv6 literals are valid server names.",
          sources: ["MATRIX-SPEC"],
        },
      ],
      default: "forbid",
      defaultBasis: "lm-text",
      rationale: "LM says MUST NOT; a server name should name a provider, not a host address.",
    },
  },
];

/** Every open question where the drafts disagree or leave a gap around the seed model. */
export const DRAFT_DISAGREEMENTS: ReadonlyArray<RequirementEntry> = [
  ...authRules,
  ...eventFormat,
  ...hubHistoryIds,
];
