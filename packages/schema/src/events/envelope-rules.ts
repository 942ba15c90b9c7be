/**
 * The rules of an event envelope that span several fields, as plain functions from an event to
 * the problems found, each with the JSON path it concerns. `FullyFormedEvent`, `LimitedEvent` and
 * the per-type views all run them. None looks inside `content`: LM's first receive step checks
 * the event "without considering type-specific schemas applied to content". {@link PDU_RULES}
 * and {@link LPDU_RULES} package them with their JSON Schema form and a generator repair.
 *
 * @module
 */
import { UserId } from "../identifiers/user-id.ts";
import type { JsonSchemaObject } from "../json-schema/to-json-schema.ts";
import { EventId } from "./event-id.ts";
import { CREATE, MEMBER } from "./event-types.ts";
import { copyOwn, type FieldRules, hasKeys, jsonIf } from "./field-rules.ts";
import { ContentHashes } from "./hashes.ts";
import type { PathIssue } from "./path-issue.ts";
import { schemaProblem } from "./schema-problem.ts";
import { eventSizeIssues } from "./size.ts";

/** The fields the rules read, common to both envelopes. */
export interface EnvelopeShape {
  readonly type: string;
  readonly state_key?: string;
  readonly hub_server?: string;
}

/** The fields the rules read of a fully-formed event (PDU). */
export interface PduShape extends EnvelopeShape {
  readonly hashes: { readonly lpdu?: unknown };
  readonly auth_events: ReadonlyArray<string>;
  readonly prev_events: ReadonlyArray<string>;
}

/** The fields an LPDU must not carry, because only the hub can fill them in (LM §int-lpdu). */
export const HUB_ONLY_FIELDS = ["auth_events", "prev_events"] as const;

/** LM §int-lpdu: the participant MUST NOT populate `auth_events` or `prev_events`. */
export function lpduFieldIssues(event: object): PathIssue[] {
  return HUB_ONLY_FIELDS.filter((key) => Object.hasOwn(event, key)).map((key) => ({
    path: [key],
    issue: `an LPDU must not carry ${key}: the participant cannot know it, so the hub fills it in when it forms the PDU (LM §int-lpdu)`,
  }));
}

/** LM §int-pdu: `hashes.lpdu` is present if and only if `hub_server` is. */
export function lpduHashIssues(event: PduShape): PathIssue[] {
  const hasLpdu = event.hashes.lpdu !== undefined;
  const hasHub = event.hub_server !== undefined;
  if (hasHub && !hasLpdu) {
    return [
      {
        path: ["hashes", "lpdu"],
        issue:
          "hashes.lpdu is missing: an event with hub_server went through the hub and must carry its LPDU's hash (LM §int-pdu)",
      },
    ];
  }
  if (hasLpdu && !hasHub) {
    return [
      {
        path: ["hashes", "lpdu"],
        issue: "hashes.lpdu must be absent: only events with hub_server carry an LPDU hash (LM §int-pdu)",
      },
    ];
  }
  return [];
}

/**
 * LM §int-pdu and §int-ev-create: `prev_events` has exactly one entry when `hub_server` is set,
 * one or more otherwise, and none on `m.room.create`. A create event therefore cannot carry
 * `hub_server`: the hub sends it itself, with no parent.
 */
export function prevEventsIssues(event: PduShape): PathIssue[] {
  const count = event.prev_events.length;
  if (event.type === CREATE) {
    const issues: PathIssue[] = [];
    if (event.hub_server !== undefined) {
      issues.push({
        path: ["hub_server"],
        issue:
          "an m.room.create event cannot carry hub_server: hub_server requires exactly one prev_event, and a create event has none (LM §int-pdu, §int-ev-create)",
      });
    }
    if (count > 0) {
      issues.push({
        path: ["prev_events"],
        issue: `an m.room.create event is the first of its room and has no prev_events; found ${count} (LM §int-ev-create)`,
      });
    }
    return issues;
  }
  if (event.hub_server !== undefined && count !== 1) {
    return [
      {
        path: ["prev_events"],
        issue: `an event with hub_server has exactly one prev_event, its parent in the linear history; found ${count} (LM §int-pdu)`,
      },
    ];
  }
  if (count === 0) {
    return [
      {
        path: ["prev_events"],
        issue: "prev_events is empty: every event except m.room.create names its parent (LM §int-pdu)",
      },
    ];
  }
  return [];
}

/** LM §int-ev-create: a create event has an empty `state_key`. */
export function createStateKeyIssues(event: EnvelopeShape): PathIssue[] {
  if (event.type !== CREATE || event.state_key === "") return [];
  return [
    {
      path: ["state_key"],
      issue:
        event.state_key === undefined
          ? 'an m.room.create event is a state event: state_key must be present and "" (LM §int-ev-create)'
          : `an m.room.create event has an empty state_key; found ${JSON.stringify(event.state_key)} (LM §int-ev-create)`,
    },
  ];
}

/** LM §int-ev-create and §int-auth-selection: a create event has no `auth_events`. */
export function createAuthEventsIssues(event: PduShape): PathIssue[] {
  if (event.type !== CREATE || event.auth_events.length === 0) return [];
  return [
    {
      path: ["auth_events"],
      issue: `an m.room.create event has no auth_events; found ${event.auth_events.length} (LM §int-ev-create)`,
    },
  ];
}

/** LM §int-pdu, §int-ev-member: a membership event's `state_key` is the user ID it concerns. */
export function memberStateKeyIssues(event: EnvelopeShape): PathIssue[] {
  if (event.type !== MEMBER) return [];
  if (event.state_key === undefined) {
    return [
      {
        path: ["state_key"],
        issue:
          "an m.room.member event needs a state_key: the user ID whose membership it sets (LM §int-ev-member)",
      },
    ];
  }
  const problem = schemaProblem(UserId, event.state_key);
  return problem === undefined
    ? []
    : [
        {
          path: ["state_key"],
          issue: `the state_key of an m.room.member event is the user ID whose membership it sets: ${problem} (LM §int-ev-member)`,
        },
      ];
}

/** Every cross-field rule of a fully-formed event (PDU), size last (it serializes the event). */
export function pduIssues(event: PduShape): PathIssue[] {
  const issues = [
    ...lpduHashIssues(event),
    ...prevEventsIssues(event),
    ...createStateKeyIssues(event),
    ...createAuthEventsIssues(event),
    ...memberStateKeyIssues(event),
  ];
  return issues.length > 0 ? issues : eventSizeIssues(event);
}

/** Every cross-field rule of a limited event (LPDU), size last. */
export function lpduIssues(event: EnvelopeShape): PathIssue[] {
  const issues = [...lpduFieldIssues(event), ...createStateKeyIssues(event), ...memberStateKeyIssues(event)];
  return issues.length > 0 ? issues : eventSizeIssues(event);
}

// The same rules for the JSON Schema export and the generators. The JSON forms assume the
// envelope's fields are each valid (the struct beside them checks that), as `issues` does.

/** JSON Schema: the event's `type` is `type`. */
function typeIs(type: string): JsonSchemaObject {
  return { properties: { type: { type: "string", const: type } } };
}

/** JSON Schema of {@link memberStateKeyIssues}, given the document of `UserId`. */
function memberStateKeyJson(userId: JsonSchemaObject): JsonSchemaObject {
  return jsonIf(typeIs(MEMBER), { required: ["state_key"], properties: { state_key: userId } });
}

/** JSON Schema of {@link createStateKeyIssues}. */
const CREATE_STATE_KEY_JSON = jsonIf(typeIs(CREATE), {
  required: ["state_key"],
  properties: { state_key: { type: "string", const: "" } },
});

/** JSON Schema of {@link lpduHashIssues}. */
const LPDU_HASH_JSON = jsonIf(
  hasKeys("hub_server"),
  { properties: { hashes: { type: "object", ...hasKeys("lpdu") } } },
  { properties: { hashes: { type: "object", not: hasKeys("lpdu") } } },
);

/** JSON Schema of {@link prevEventsIssues} and {@link createAuthEventsIssues}. */
const PREV_EVENTS_JSON = jsonIf(
  typeIs(CREATE),
  {
    not: hasKeys("hub_server"),
    properties: { prev_events: { type: "array", maxItems: 0 }, auth_events: { type: "array", maxItems: 0 } },
  },
  jsonIf(
    hasKeys("hub_server"),
    { properties: { prev_events: { type: "array", minItems: 1, maxItems: 1 } } },
    { properties: { prev_events: { type: "array", minItems: 1 } } },
  ),
);

/** JSON Schema of {@link lpduFieldIssues}. */
const LPDU_FIELDS_JSON: JsonSchemaObject = {
  not: { anyOf: HUB_ONLY_FIELDS.map((key) => hasKeys(key)) },
};

/** Why the JSON Schema forms are looser than the rules: the byte limit has no JSON Schema form. */
const SIZE_IS_LOOSER =
  "the 65536-byte limit on canonical JSON (and the proof that unchecked parts are JSON text without lone surrogates) has no JSON Schema form";

/** A repair's view of an event: its fields as a plain record. */
type Draft = Record<string, unknown>;

/** Makes a member event's state key a user ID (`userId` when it is not one). */
function repairMemberStateKey(event: Draft, userId: unknown): Draft {
  if (event.type !== MEMBER) return event;
  const key = event.state_key;
  if (typeof key === "string" && schemaProblem(UserId, key) === undefined) return event;
  const out = copyOwn(event);
  out.state_key = userId;
  return out;
}

/**
 * Makes a PDU whose fields are each valid obey {@link pduIssues} (all but the size): a create event
 * loses `hub_server`, `hashes.lpdu`, its parents and auth events and gets the empty state key;
 * otherwise `hashes.lpdu` follows `hub_server`, and `prev_events` gets one entry with a hub and at
 * least one without.
 */
export function repairPdu(event: Draft, ingredients: ReadonlyArray<unknown>): Draft {
  const [userId, lpdu, eventId] = ingredients;
  const out = copyOwn(event);
  const hashes = copyOwn(event.hashes as object);
  const prev = event.prev_events as ReadonlyArray<unknown>;
  if (event.type === CREATE) {
    delete out.hub_server;
    delete hashes.lpdu;
    out.prev_events = [];
    out.auth_events = [];
    out.state_key = "";
  } else if (out.hub_server !== undefined) {
    if (hashes.lpdu === undefined) hashes.lpdu = lpdu;
    if (prev.length !== 1) out.prev_events = prev.length === 0 ? [eventId] : prev.slice(0, 1);
  } else {
    delete hashes.lpdu;
    if (prev.length === 0) out.prev_events = [eventId];
  }
  out.hashes = hashes;
  return repairMemberStateKey(out, userId);
}

/** Makes an LPDU whose fields are each valid obey {@link lpduIssues} (all but the size). */
export function repairLpdu(event: Draft, ingredients: ReadonlyArray<unknown>): Draft {
  const [userId] = ingredients;
  const out = copyOwn(event);
  for (const key of HUB_ONLY_FIELDS) delete out[key];
  if (out.type === CREATE) out.state_key = "";
  return repairMemberStateKey(out, userId);
}

/** The cross-field rules of a fully-formed event (PDU), for every tool (see `field-rules.ts`). */
export const PDU_RULES: FieldRules = {
  expected:
    "a PDU: hashes.lpdu iff hub_server, prev_events as the type and hub_server require, state keys as the type requires, at most 65536 bytes",
  issues: pduIssues,
  schemas: [UserId],
  jsonSchema: ([userId = {}]) => ({
    allOf: [LPDU_HASH_JSON, PREV_EVENTS_JSON, CREATE_STATE_KEY_JSON, memberStateKeyJson(userId)],
  }),
  looser: SIZE_IS_LOOSER,
  repair: { ingredients: [UserId, ContentHashes, EventId], apply: repairPdu },
};

/** The cross-field rules of a limited event (LPDU), for every tool (see `field-rules.ts`). */
export const LPDU_RULES: FieldRules = {
  expected: "an LPDU: no auth_events or prev_events, state keys as the type requires, at most 65536 bytes",
  issues: lpduIssues,
  schemas: [UserId],
  jsonSchema: ([userId = {}]) => ({
    allOf: [LPDU_FIELDS_JSON, CREATE_STATE_KEY_JSON, memberStateKeyJson(userId)],
  }),
  looser: SIZE_IS_LOOSER,
  repair: { ingredients: [UserId], apply: repairLpdu },
};
