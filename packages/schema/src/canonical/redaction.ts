/**
 * Event redaction (LM §int-redactions): strip every top-level key not on a keep-list, and strip
 * `content` down to the keys its event type keeps. Redaction feeds the reference hash (event
 * ID) and signing, so every implementation must keep exactly the same keys.
 *
 * The rules are data ({@link RedactionRules}) so that other keep-lists, such as Matrix room
 * version 1's used by the published Matrix test vectors, can be applied with the same code.
 *
 * @module
 */

import { type JsonError, jsonError } from "./json-error.ts";
import { formatJsonPath } from "./json-path.ts";
import { emptyJsonObject, getOwn, isJsonObject, type JsonObject, type JsonValue } from "./json-value.ts";
import { err, ok, type Result } from "./result.ts";

/** Which keys survive redaction. */
export interface RedactionRules {
  /** Top-level event keys that are kept. */
  readonly topLevelKeys: readonly string[];
  /**
   * For each event `type`, the `content` keys kept, or `"all"`. For types not listed,
   * `content` becomes `{}`. A Map, so that a type named `constructor` or `__proto__` cannot
   * hit an inherited member.
   */
  readonly contentKeys: ReadonlyMap<string, readonly string[] | "all">;
}

/** LM's keep-lists (§int-redactions), verbatim. */
export const LM_REDACTION_RULES: RedactionRules = {
  topLevelKeys: [
    "type",
    "room_id",
    "sender",
    "state_key",
    "content",
    "origin_server_ts",
    "hashes",
    "signatures",
    "prev_events",
    "auth_events",
    "hub_server",
  ],
  contentKeys: new Map<string, readonly string[] | "all">([
    ["m.room.create", "all"],
    ["m.room.member", ["membership"]],
    ["m.room.join_rules", ["join_rule"]],
    [
      "m.room.power_levels",
      [
        "ban",
        "events",
        "events_default",
        "kick",
        "redact",
        "state_default",
        "users",
        "users_default",
        "invite",
      ],
    ],
    ["m.room.history_visibility", ["history_visibility"]],
  ]),
};

/**
 * Redacts an event. `content`, when present, must be an object (else `expected-object` at
 * `$.content`); a non-string `type` keeps no content keys. The input is not modified.
 */
export function redactEvent(
  event: JsonObject,
  rules: RedactionRules = LM_REDACTION_RULES,
): Result<JsonObject, JsonError> {
  if (!isJsonObject(event)) return err(jsonError("expected-object", "an event must be a JSON object", "$"));
  const out = emptyJsonObject();
  for (const key of rules.topLevelKeys) {
    const value = getOwn(event, key);
    if (value !== undefined) out[key] = value;
  }
  const content = getOwn(event, "content");
  if (content !== undefined && rules.topLevelKeys.includes("content")) {
    if (!isJsonObject(content)) {
      return err(
        jsonError("expected-object", "`content` must be a JSON object", formatJsonPath(["content"])),
      );
    }
    const type = getOwn(event, "type");
    const keep = typeof type === "string" ? rules.contentKeys.get(type) : undefined;
    out.content = redactContent(content, keep);
  }
  return ok(out);
}

function redactContent(content: JsonObject, keep: readonly string[] | "all" | undefined): JsonObject {
  const out = emptyJsonObject();
  if (keep === undefined) return out;
  const keys = keep === "all" ? Object.keys(content) : keep;
  for (const key of keys) {
    const value: JsonValue | undefined = getOwn(content, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
