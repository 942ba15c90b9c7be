/**
 * The trace format: a scenario of actions with the verdict each should get, as JSON.
 *
 * ```json
 * { "description": "…", "profile"?: "lm-i1", "options"?: { "option": "value" },
 *   "delivery"?: "instant" | "network", "eventIds"?: "counter" | "reference-hash",
 *   "expectViolations"?: ["invariant.id"],
 *   "steps": [ { "action": { "kind": "invite", … }, "expect"?: "accepted" | { "rejected": "guard.id" } } ] }
 * ```
 *
 * Decoding checks each action against the schema of its `kind` (so errors point at the exact
 * field), and that every guard and invariant the trace names exists.
 *
 * @module
 */
import {
  formatJsonPath,
  type JsonPathSegment,
  parseJson,
  RoomId,
  ServerName,
  UserId,
} from "@mimi-spec/schema";
import { Result, Schema, SchemaIssue } from "effect";
import type { Action } from "../action.ts";
import { GUARD_IDS } from "../generated/guards.ts";
import { CHAT_TYPE_IDS, type SettingName, VISIBILITY_SETTINGS } from "../generated/tables.ts";
import { invariants } from "../invariants/index.ts";
import type { Delivery, EventIdScheme } from "../world.ts";

const Json = Schema.Record(Schema.String, Schema.Unknown);

/** The sharing settings of one scope (user or hub), for the settings actions. */
function settingsOf(scope: "user" | "hub"): SettingName[] {
  return (Object.keys(VISIBILITY_SETTINGS) as SettingName[]).filter(
    (name) => VISIBILITY_SETTINGS[name].scope === scope,
  );
}
const Forged = Schema.Struct({
  type: Schema.String,
  sender: UserId,
  stateKey: Schema.optionalKey(Schema.String),
  content: Json,
});
const MessageId = Schema.Number.pipe(Schema.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)));
const inRoom = { user: UserId, room: RoomId };

/** The schema of each action kind. */
export const ACTION_SCHEMAS = {
  "create-room": Schema.Struct({
    kind: Schema.Literal("create-room"),
    ...inRoom,
    chatType: Schema.Literals(CHAT_TYPE_IDS),
    invite: Schema.optionalKey(Schema.Array(UserId)),
    roomVersion: Schema.optionalKey(Schema.String),
    mlsAcp: Schema.optionalKey(Schema.String),
    firstMessage: Schema.optionalKey(Schema.String),
  }),
  invite: Schema.Struct({ kind: Schema.Literal("invite"), ...inRoom, target: UserId }),
  join: Schema.Struct({ kind: Schema.Literal("join"), ...inRoom }),
  leave: Schema.Struct({ kind: Schema.Literal("leave"), ...inRoom }),
  knock: Schema.Struct({ kind: Schema.Literal("knock"), ...inRoom }),
  kick: Schema.Struct({ kind: Schema.Literal("kick"), ...inRoom, target: UserId }),
  ban: Schema.Struct({ kind: Schema.Literal("ban"), ...inRoom, target: UserId }),
  unban: Schema.Struct({ kind: Schema.Literal("unban"), ...inRoom, target: UserId }),
  "send-message": Schema.Struct({ kind: Schema.Literal("send-message"), ...inRoom, body: Schema.String }),
  "set-power-levels": Schema.Struct({ kind: Schema.Literal("set-power-levels"), ...inRoom, content: Json }),
  "set-join-rule": Schema.Struct({
    kind: Schema.Literal("set-join-rule"),
    ...inRoom,
    joinRule: Schema.String,
  }),
  "set-history-visibility": Schema.Struct({
    kind: Schema.Literal("set-history-visibility"),
    ...inRoom,
    visibility: Schema.String,
  }),
  "set-name": Schema.Struct({ kind: Schema.Literal("set-name"), ...inRoom, name: Schema.String }),
  redact: Schema.Struct({ kind: Schema.Literal("redact"), ...inRoom, eventId: Schema.String }),
  "send-event": Schema.Struct({
    kind: Schema.Literal("send-event"),
    ...inRoom,
    type: Schema.String,
    stateKey: Schema.optionalKey(Schema.String),
    content: Json,
  }),
  "mls-propose": Schema.Struct({
    kind: Schema.Literal("mls-propose"),
    ...inRoom,
    proposal: Schema.String,
    target: Schema.optionalKey(UserId),
  }),
  "propose-mls-acp": Schema.Struct({
    kind: Schema.Literal("propose-mls-acp"),
    ...inRoom,
    template: Schema.String,
  }),
  "set-profile": Schema.Struct({
    kind: Schema.Literal("set-profile"),
    user: UserId,
    name: Schema.optionalKey(Schema.String),
    avatar: Schema.optionalKey(Schema.String),
    status: Schema.optionalKey(Schema.String),
    chosenIdentifier: Schema.optionalKey(Schema.String),
  }),
  "set-setting": Schema.Struct({
    kind: Schema.Literal("set-setting"),
    user: UserId,
    setting: Schema.Literals(settingsOf("user")),
    value: Schema.Boolean,
  }),
  "set-server-setting": Schema.Struct({
    kind: Schema.Literal("set-server-setting"),
    server: ServerName,
    setting: Schema.Literals(settingsOf("hub")),
    value: Schema.Boolean,
  }),
  deliver: Schema.Struct({ kind: Schema.Literal("deliver"), message: MessageId }),
  drop: Schema.Struct({ kind: Schema.Literal("drop"), message: MessageId }),
  duplicate: Schema.Struct({ kind: Schema.Literal("duplicate"), message: MessageId }),
  retry: Schema.Struct({ kind: Schema.Literal("retry"), server: ServerName, txn: Schema.String }),
  flush: Schema.Struct({ kind: Schema.Literal("flush") }),
  sync: Schema.Struct({ kind: Schema.Literal("sync"), server: ServerName, room: RoomId }),
  restart: Schema.Struct({ kind: Schema.Literal("restart"), server: ServerName }),
  "forge-limited": Schema.Struct({
    kind: Schema.Literal("forge-limited"),
    server: ServerName,
    room: RoomId,
    to: Schema.optionalKey(ServerName),
    event: Forged,
  }),
  "forge-fully-formed": Schema.Struct({
    kind: Schema.Literal("forge-fully-formed"),
    server: ServerName,
    room: RoomId,
    to: ServerName,
    event: Forged,
  }),
  "hub-tamper": Schema.Struct({
    kind: Schema.Literal("hub-tamper"),
    room: RoomId,
    tamper: Schema.Literals(["add-auth-event", "remove-auth-event", "fork", "skip-auth"]),
    event: Forged,
    authEvent: Schema.optionalKey(Schema.String),
  }),
} as const;

/** Every action kind. */
export const ACTION_KINDS = Object.keys(ACTION_SCHEMAS) as ReadonlyArray<Action["kind"]>;

/** What a step expects: acceptance, or refusal by a named guard. */
export type Expectation = "accepted" | { readonly rejected: string };

/** One step of a trace. */
export interface TraceStep {
  readonly action: Action;
  readonly expect?: Expectation;
  readonly note?: string;
}

/** A decoded trace. */
export interface Trace {
  readonly description: string;
  readonly profile?: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly delivery?: Delivery;
  readonly eventIds?: EventIdScheme;
  readonly expectViolations?: ReadonlyArray<string>;
  readonly steps: ReadonlyArray<TraceStep>;
}

/** A problem with a trace: where (a JSON path) and what. */
export interface TraceProblem {
  readonly path: string;
  readonly message: string;
}

const TraceShape = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  description: Schema.String,
  profile: Schema.optionalKey(Schema.String),
  options: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  delivery: Schema.optionalKey(Schema.Literals(["instant", "network"])),
  eventIds: Schema.optionalKey(Schema.Literals(["counter", "reference-hash"])),
  expectViolations: Schema.optionalKey(Schema.Array(Schema.String)),
  steps: Schema.Array(
    Schema.Struct({
      action: Json,
      expect: Schema.optionalKey(
        Schema.Union([Schema.Literal("accepted"), Schema.Struct({ rejected: Schema.String })]),
      ),
      note: Schema.optionalKey(Schema.String),
    }),
  ),
});

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

function decodeAt<S extends Schema.Top>(
  schema: S,
  value: unknown,
  at: ReadonlyArray<JsonPathSegment>,
  problems: TraceProblem[],
): S["Type"] | undefined {
  const decoded = Schema.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>, {
    errors: "all",
    onExcessProperty: "error",
  })(value);
  if (Result.isSuccess(decoded)) return decoded.success;
  for (const issue of formatIssues(decoded.failure.issue).issues) {
    const path = (issue.path ?? []).map((p) => {
      const key = typeof p === "object" && p !== null ? p.key : p;
      return typeof key === "number" ? key : String(key);
    });
    problems.push({ path: formatJsonPath([...at, ...path]), message: issue.message });
  }
  return undefined;
}

const guardIds: ReadonlySet<string> = new Set(GUARD_IDS);
const invariantIds: ReadonlySet<string> = new Set(invariants.map((i) => i.id));

/** Decodes a parsed trace, or returns every problem with its JSON path. */
export function decodeTrace(
  value: unknown,
):
  | { readonly ok: true; readonly trace: Trace }
  | { readonly ok: false; readonly problems: ReadonlyArray<TraceProblem> } {
  const problems: TraceProblem[] = [];
  const shape = decodeAt(TraceShape, value, [], problems);
  if (shape === undefined) return { ok: false, problems };
  const steps: TraceStep[] = [];
  shape.steps.forEach((s, i) => {
    const kind = s.action.kind;
    const at: JsonPathSegment[] = ["steps", i, "action"];
    if (typeof kind !== "string" || !(ACTION_KINDS as ReadonlyArray<string>).includes(kind)) {
      problems.push({
        path: formatJsonPath([...at, "kind"]),
        message: `unknown action kind ${JSON.stringify(kind ?? null)}; use one of ${ACTION_KINDS.join(", ")}`,
      });
      return;
    }
    const action = decodeAt(ACTION_SCHEMAS[kind as Action["kind"]], s.action, at, problems) as
      | Action
      | undefined;
    const expect = s.expect;
    if (expect !== undefined && expect !== "accepted" && !guardIds.has(expect.rejected))
      problems.push({
        path: formatJsonPath(["steps", i, "expect", "rejected"]),
        message: `unknown guard ${expect.rejected}`,
      });
    if (action !== undefined)
      steps.push({
        action,
        ...(expect === undefined ? {} : { expect }),
        ...(s.note === undefined ? {} : { note: s.note }),
      });
  });
  (shape.expectViolations ?? []).forEach((id, i) => {
    if (!invariantIds.has(id))
      problems.push({ path: formatJsonPath(["expectViolations", i]), message: `unknown invariant ${id}` });
  });
  if (problems.length > 0) return { ok: false, problems };
  const { $comment: _comment, steps: _steps, ...rest } = shape;
  return { ok: true, trace: { ...rest, steps } };
}

/** Parses trace text (with the safe JSON reader) and decodes it. */
export function parseTrace(
  text: string,
):
  | { readonly ok: true; readonly trace: Trace }
  | { readonly ok: false; readonly problems: ReadonlyArray<TraceProblem> } {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const at =
      parsed.error.line === undefined ? "" : ` at line ${parsed.error.line}, column ${parsed.error.column}`;
    return {
      ok: false,
      problems: [{ path: parsed.error.path, message: `not valid JSON${at}: ${parsed.error.message}` }],
    };
  }
  return decodeTrace(parsed.value);
}
