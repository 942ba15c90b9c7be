/**
 * [TRANSPORT 3.4] chat management has no requirements yet, only questions; [MSGREQ 3.1] adds
 * "who may invite me" controls. Each question becomes a profile option whose default follows the
 * LM I.1 text (power levels) unless the rationale says otherwise.
 * @module
 */
import { byGuard, byInvariant, notChecked } from "../check.ts";
import type { RequirementEntry } from "../entry.ts";

/** The three usual power levels, as choices: everyone (0), moderators (50), admins (100). */
const levelChoices = (lmDefault: 0 | 50) =>
  [
    {
      value: "level-0",
      summary: "Any joined member (power level 0).",
      sources: lmDefault === 0 ? (["LM", "MX-V11"] as const) : ([] as const),
    },
    {
      value: "level-50",
      summary: "Moderators and above (power level 50).",
      sources: lmDefault === 50 ? (["LM", "MX-V11"] as const) : ([] as const),
    },
    { value: "level-100", summary: "Admins only (power level 100).", sources: [] as const },
  ] as const;

/** [TRANSPORT 3.4] the chat-management questions, then [MSGREQ 3.1]. */
export const CHAT_MANAGEMENT_QUESTIONS: ReadonlyArray<RequirementEntry> = [
  {
    id: "OQ-MGMT-1",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Who may send invites, and which kinds of invites?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.invite.level"),
    related: ["CHAT-6", "CHAT-7", "CHAT-8"],
    note: "Which kinds of invites is settled by the chat kind: DMs and group DMs take none (CHAT-6, CHAT-7).",
    profileOption: {
      name: "mgmt.invite-level",
      choices: levelChoices(0),
      default: "level-0",
      defaultBasis: "lm-text",
      rationale: "LM's power_levels default gives invite level 0: any joined member may invite.",
    },
  },
  {
    id: "OQ-MGMT-2",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Who may kick a member?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.kick.level"),
    related: ["OQ-AUTH-3"],
    profileOption: {
      name: "mgmt.kick-level",
      choices: levelChoices(50),
      default: "level-50",
      defaultBasis: "lm-text",
      rationale: "LM's default kick level is 50, and the target must have a strictly lower level.",
    },
  },
  {
    id: "OQ-MGMT-3",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Who may ban a user, if anyone?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("membership.ban.level"),
    related: ["OQ-AUTH-4"],
    profileOption: {
      name: "mgmt.ban-level",
      choices: levelChoices(50),
      default: "level-50",
      defaultBasis: "lm-text",
      rationale: "LM's default ban level is 50, and the target must have a strictly lower level.",
    },
  },
  {
    id: "OQ-MGMT-4",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Can anyone delete other people's posts for the whole chat?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("redaction.others"),
    profileOption: {
      name: "mgmt.redact-others",
      choices: [
        {
          value: "not-possible",
          summary: "No: LM I.1 carries a redact level in power_levels but defines no redaction event.",
          sources: ["LM"],
        },
        {
          value: "power-level",
          summary:
            "Yes, for senders at or above the redact level (MX-v11) or holding the redact permission (POL-00).",
          sources: ["MX-V11", "POL-00"],
        },
        {
          value: "unchecked",
          summary: "Anyone may send m.room.redaction; RP-00 states no permission check.",
          sources: ["RP-00"],
        },
      ],
      default: "not-possible",
      defaultBasis: "lm-text",
      rationale:
        "The base text has no redaction event, so deleting others' posts does not exist in it; 'unchecked' is listed to show RP-00's gap, not as a sane setting.",
    },
  },
  {
    id: "OQ-MGMT-5",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Which privilege levels exist (admin, moderator) and what do they mean?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("auth.sender-level"),
    profileOption: {
      name: "mgmt.privilege-model",
      choices: [
        {
          value: "power-levels",
          summary: "Integer power levels per user and per action; admin 100 and moderator 50 by convention.",
          sources: ["LM", "MX-V11"],
        },
        {
          value: "ordered-roles",
          summary: "Role events with permission lists, ordered by role_map; the higher order wins.",
          sources: ["POL-00"],
        },
        {
          value: "capability-roles",
          summary: "Exactly one role per participant, with capability lists and authorized role changes.",
          sources: ["POL-01", "RPOL-03"],
        },
      ],
      default: "power-levels",
      defaultBasis: "lm-text",
      rationale: "LM I.1 is the base text; RPOL-03 (where the working group is today) is a second profile.",
    },
  },
  {
    id: "OQ-MGMT-6",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Is the creator always an admin, and can others be made admins?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("auth.sender-level"),
    profileOption: {
      name: "mgmt.creator-privilege",
      choices: [
        {
          value: "initial-only",
          summary:
            "The creator has level 100 until a power_levels event exists; from then on that event decides, so others can be made admins.",
          sources: ["LM", "MX-V11"],
        },
        {
          value: "superuser-until-roles",
          summary: "The creator is superuser until roles are defined (a TODO in POL-00).",
          sources: ["POL-00"],
        },
      ],
      default: "initial-only",
      defaultBasis: "lm-text",
      rationale: "This is what LM's power-level calculation says when no power_levels event exists.",
    },
  },
  {
    id: "OQ-MGMT-7",
    source: "TRANSPORT",
    section: "3.4",
    statement: "How do invites, kicks, bans and privileges work in DMs and group DMs?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("fixed-membership.no-removal"),
    related: ["CHAT-6", "CHAT-7", "CHAT-9", "CHAT-10"],
    profileOption: {
      name: "mgmt.fixed-membership-rooms",
      choices: [
        {
          value: "seed-chat-rules",
          summary:
            "DM: no adds, no leaving; group DM: no adds, leaving allowed (CHAT-6 to CHAT-10); no kicks or bans in either.",
          sources: ["TRANSPORT"],
        },
        {
          value: "no-membership-changes",
          summary:
            "RPOL-03 fixed_membership: no new users, and ordinary users can neither leave nor be removed.",
          sources: ["RPOL-03"],
        },
      ],
      default: "seed-chat-rules",
      defaultBasis: "other-draft",
      rationale:
        "LM has no chat kinds; the seed requirements win, and RPOL-03's rule would forbid leaving a group DM, contradicting CHAT-10.",
    },
  },
  {
    id: "OQ-MGMT-8",
    source: "TRANSPORT",
    section: "3.4",
    statement: "Who enforces the authorization rules: providers, clients, or both?",
    level: "OPEN",
    kind: "open-question",
    check: byInvariant("replicas.only-accepted"),
    related: ["MLSACP-2"],
    note: "The machine implements hub-and-followers and hub-only; under hub-only a follower applies what a misbehaving hub sends, which replicas.only-accepted catches (models/traces/enforcement-hub-only.json). servers-and-clients needs clients, which the model does not have.",
    profileOption: {
      name: "mgmt.enforcement",
      choices: [
        {
          value: "hub-and-followers",
          summary: "The hub must check the rules; followers should re-check to catch a misbehaving hub.",
          sources: ["LM", "SIG-00", "RP-00"],
        },
        { value: "hub-only", summary: "Only the hub checks; followers trust it.", sources: [] },
        {
          value: "servers-and-clients",
          summary: "Servers check events and clients also check MLS-level policy against templates.",
          sources: ["TRANSPORT"],
        },
      ],
      default: "hub-and-followers",
      defaultBasis: "lm-text",
      rationale: "LM: the hub MUST run the auth rules and participants SHOULD, to detect a misbehaving hub.",
    },
  },
  {
    id: "OQ-MGMT-9",
    source: "TRANSPORT",
    section: "3.4",
    statement: "May whole providers (servers) be banned from a chat?",
    level: "OPEN",
    kind: "open-question",
    check: notChecked("no draft defines a server ban, so the default leaves nothing to check"),
    profileOption: {
      name: "mgmt.server-bans",
      choices: [
        { value: "none", summary: "No server-level bans; LM carries no server ACL.", sources: ["LM"] },
        {
          value: "server-acl",
          summary: "A server ACL state event (an open problem in MSC3995 and ietf-mimi-policy #3).",
          sources: ["MSC3995"],
        },
      ],
      default: "none",
      defaultBasis: "lm-text",
      rationale: "The base text has no server ACL, and the source only says it may be needed.",
    },
  },
  {
    id: "MSGREQ-1",
    source: "MSGREQ",
    section: "3.1",
    statement:
      "Moderation is out of scope, but a protocol may let users ignore or block others and limit who may invite them.",
    level: "MAY",
    kind: "transition-rule",
    check: byGuard("invite.target-may-refuse"),
    related: ["OQ-MGMT-10", "RP-INVITE-1"],
    note: "Modelled as the refuse-invites setting, which the invitee's server applies when the hub asks it (check-invite); ignoring or blocking a user inside a room is client-side and not modelled.",
  },
  {
    id: "OQ-MGMT-10",
    source: "MSGREQ",
    section: "3.1",
    statement: "Can a user control who may invite them, with the invite rejected at transport level?",
    level: "OPEN",
    kind: "open-question",
    check: byGuard("invite.target-may-refuse"),
    related: ["MSGREQ-1", "RP-INVITE-1"],
    profileOption: {
      name: "mgmt.invite-consent",
      choices: [
        {
          value: "target-may-refuse",
          summary:
            "The invitee's server may refuse an invite under local policy (LM /invite; RP-00 check-invite).",
          sources: ["LM", "RP-00"],
        },
        {
          value: "always-delivered",
          summary: "Invites are always delivered; refusal is a later leave.",
          sources: [],
        },
      ],
      default: "target-may-refuse",
      defaultBasis: "lm-text",
      rationale:
        "LM lets the target server refuse an invite for privacy or spam reasons, which is this control.",
    },
  },
];
