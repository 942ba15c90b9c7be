/**
 * Matrix room version 1 redaction keep-lists, needed to reproduce the Matrix "Event Signing"
 * test vectors (which use the v1 event format with `origin`, `depth` and `event_id`).
 * Source: matrix-org/matrix-spec, content/rooms/fragments/v1-redactions.md.
 */
import type { RedactionRules } from "../../src/canonical/redaction.ts";

export const MATRIX_V1_REDACTION_RULES: RedactionRules = {
  topLevelKeys: [
    "event_id",
    "type",
    "room_id",
    "sender",
    "state_key",
    "content",
    "hashes",
    "signatures",
    "depth",
    "prev_events",
    "prev_state",
    "auth_events",
    "origin",
    "origin_server_ts",
    "membership",
  ],
  contentKeys: new Map<string, readonly string[] | "all">([
    ["m.room.member", ["membership"]],
    ["m.room.create", ["creator"]],
    ["m.room.join_rules", ["join_rule"]],
    [
      "m.room.power_levels",
      ["ban", "events", "events_default", "kick", "redact", "state_default", "users", "users_default"],
    ],
    ["m.room.aliases", ["aliases"]],
    ["m.room.history_visibility", ["history_visibility"]],
  ]),
};
