/**
 * What the registry must contain, derived by hand from requirements.md and drafts-background.md,
 * independently of the data files, so that dropping an entry from the data is caught.
 * @module
 */

/**
 * Every numbered requirement of [TRANSPORT] (requirements.md: ID-1..4, CHAT-1..15, SHARING-1..9,
 * MLSACP-1..3, HUB-1..3, PRIV-1). These keep the source's own ids and MUST all be present.
 */
export const SEED_REQUIREMENT_IDS = [
  "ID-1",
  "ID-2",
  "ID-3",
  "ID-4",
  "CHAT-1",
  "CHAT-2",
  "CHAT-3",
  "CHAT-4",
  "CHAT-5",
  "CHAT-6",
  "CHAT-7",
  "CHAT-8",
  "CHAT-9",
  "CHAT-10",
  "CHAT-11",
  "CHAT-12",
  "CHAT-13",
  "CHAT-14",
  "CHAT-15",
  "SHARING-1",
  "SHARING-2",
  "SHARING-3",
  "SHARING-4",
  "SHARING-5",
  "SHARING-6",
  "SHARING-7",
  "SHARING-8",
  "SHARING-9",
  "MLSACP-1",
  "MLSACP-2",
  "MLSACP-3",
  "HUB-1",
  "HUB-2",
  "HUB-3",
  "PRIV-1",
] as const;

/** One of the {@link SEED_REQUIREMENT_IDS}. */
export type SeedRequirementId = (typeof SEED_REQUIREMENT_IDS)[number];

/**
 * Entries beyond the seed that the reference machine enforces or settles and that MUST stay in
 * the registry: the [SIGNALING] policy and history rules, [MSGREQ]'s invite control, the send-path
 * rules of LM and RP-00 (one transaction in flight; check-invite), and the open questions the
 * machine reads (chat promotion and DM creation, enforcement, auth-event validity, the creator's
 * first join, history visibility).
 */
export const REQUIRED_MACHINE_IDS = [
  "SIG-POLICY-1",
  "SIG-POLICY-2",
  "SIG-POLICY-3",
  "SIG-POLICY-4",
  "SIG-HIST-1",
  "SIG-HIST-3",
  "MSGREQ-1",
  "LM-SEND-1",
  "RP-INVITE-1",
  "OQ-CHAT-1",
  "OQ-CHAT-2",
  "OQ-CHAT-3",
  "OQ-CHAT-4",
  "OQ-MGMT-8",
  "OQ-MGMT-10",
  "OQ-AUTH-7",
  "OQ-AUTH-8",
  "OQ-AUTH-10",
  "OQ-HIST-1",
] as const;

/**
 * Profile options that MUST exist: the open questions requirements.md raises (chat promotion,
 * SHARING-1's open point, chat management) and every point where the drafts disagree
 * (drafts-background.md §2.6 table and §2.11).
 */
export const REQUIRED_PROFILE_OPTIONS = [
  // requirements.md: open questions
  "chat.promotion",
  "chat.promotion-consent",
  "chat.promotion-history",
  "first-contact.sender-label",
  "mgmt.invite-level",
  "mgmt.kick-level",
  "mgmt.ban-level",
  "mgmt.redact-others",
  "mgmt.privilege-model",
  "mgmt.creator-privilege",
  "mgmt.fixed-membership-rooms",
  "mgmt.enforcement",
  "mgmt.invite-consent",
  "chat.dm-creation",
  // drafts-background §2.6 table: LM I.1 versus MX-v11
  "auth.create-room-version",
  "auth.rejected-auth-events",
  "auth.auth-event-room-mismatch",
  "auth.federate-flag",
  "auth.creator-first-join",
  "auth.restricted-joins",
  "auth.knock-from-invite",
  "auth.demote-equal-power-level",
  "auth.power-levels-notifications",
  "auth.select-join-rules-for-knock",
  // drafts-background §2.11
  "event.membership-naming",
  "encoding.event-format",
  "crypto.content-hash-coverage",
  "crypto.hub-signature",
  "auth.kick-target",
  "auth.preemptive-ban",
  "room.default-join-rule",
  "room.default-history-visibility",
  "event.hub-server-set-by",
  "event.hub-originated-hub-server",
  "hub.dag-bypass",
  // drafts-background §2.3 and §3.1
  "encoding.canonical-json",
  "id.server-name-ip-literals",
] as const;
