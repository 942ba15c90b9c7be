/**
 * Shared helpers of the event-schema tests: issue extraction, and a small room history built with
 * the canonical module's real algorithms (content hashes, Ed25519 signatures, event IDs), so the
 * schemas are tested against what the rest of the package produces.
 */
import { Result, Schema, SchemaIssue } from "effect";
import { computeEventId, signEvent, signingKeyFromSeed, withContentHash } from "../../src/canonical/index.ts";
import type { JsonObject } from "../../src/canonical/json-value.ts";
import type { Result as CanonicalResult } from "../../src/canonical/result.ts";

/** One problem a schema reports: where, and what. */
export interface Problem {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

const format = SchemaIssue.makeFormatterStandardSchemaV1();

/** Every problem `schema` reports for `value` (empty when valid). Never throws. */
export function problems(schema: Schema.Decoder<unknown>, value: unknown): Problem[] {
  const result = Schema.decodeUnknownResult(schema)(value);
  if (Result.isSuccess(result)) return [];
  return format(result.failure.issue).issues.map((i) => ({
    path: (i.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment)),
    message: i.message,
  }));
}

/** The messages `schema` reports for `value`. */
export function messages(schema: Schema.Decoder<unknown>, value: unknown): string[] {
  return problems(schema, value).map((p) => p.message);
}

/** The value of a canonical-layer result, or a thrown error naming what failed (test set-up only). */
export function unwrap<A>(result: CanonicalResult<A, { readonly message: string }>): A {
  if (!result.ok) throw new Error(`fixture construction failed: ${result.error.message}`);
  return result.value;
}

/** The hub's server name in the fixtures. */
export const HUB = "hub.example";
/** A participant server in the fixtures. */
export const REMOTE = "remote.example";
/** The room of the fixtures (on the hub, which created it). */
export const ROOM = "!room1:hub.example";
/** The creator, on the hub. */
export const ALICE = "@alice:hub.example";
/** A user of the participant server. */
export const BOB = "@bob:remote.example";

const hubKey = unwrap(signingKeyFromSeed(new Uint8Array(32).fill(1), "1"));
const remoteKey = unwrap(signingKeyFromSeed(new Uint8Array(32).fill(2), "a_1"));

/** A JSON object literal as the canonical module takes it. */
type Draft = Record<string, unknown>;

/** A PDU the hub forms itself: no hub_server, hub content hash and signature. */
export function hubPdu(draft: Draft): JsonObject {
  const hashed = unwrap(withContentHash(draft as JsonObject, "pdu"));
  return unwrap(signEvent(hashed, HUB, hubKey));
}

/** An LPDU a participant sends: hub_server set, hashes.lpdu, signed by the participant. */
export function participantLpdu(draft: Draft): JsonObject {
  const hashed = unwrap(withContentHash({ ...draft, hub_server: HUB } as JsonObject, "lpdu"));
  return unwrap(signEvent(hashed, REMOTE, remoteKey));
}

/** The PDU the hub forms from an LPDU: adds the references, its content hash and signature. */
export function hubFromLpdu(lpdu: JsonObject, authEvents: string[], prevEvent: string): JsonObject {
  const formed = { ...lpdu, auth_events: authEvents, prev_events: [prevEvent] } as JsonObject;
  return unwrap(signEvent(unwrap(withContentHash(formed, "pdu")), HUB, hubKey));
}

/** The event ID of a PDU. */
export function idOf(event: JsonObject): string {
  return unwrap(computeEventId(event));
}

/** A small, valid room history and the LPDUs behind its participant events. */
export interface History {
  readonly create: JsonObject;
  readonly aliceJoin: JsonObject;
  readonly powerLevels: JsonObject;
  readonly joinRules: JsonObject;
  readonly historyVisibility: JsonObject;
  readonly name: JsonObject;
  readonly topic: JsonObject;
  readonly avatar: JsonObject;
  readonly bobJoinLpdu: JsonObject;
  readonly bobJoin: JsonObject;
  readonly commitLpdu: JsonObject;
  readonly commit: JsonObject;
  readonly encryptedLpdu: JsonObject;
  readonly encrypted: JsonObject;
  readonly redaction: JsonObject;
  readonly poll: JsonObject;
  readonly oddJoinRules: JsonObject;
  /** Every PDU above, in order. */
  readonly pdus: ReadonlyArray<JsonObject>;
}

function buildHistory(): History {
  let ts = 1_700_000_000_000;
  const base = (type: string, content: Draft, stateKey?: string): Draft => ({
    room_id: ROOM,
    type,
    ...(stateKey === undefined ? {} : { state_key: stateKey }),
    sender: ALICE,
    origin_server_ts: ts++,
    content,
  });
  const create = hubPdu({
    ...base(
      "m.room.create",
      {
        room_version: "org.matrix.i-d.ralston-mimi-linearized-matrix.02",
        encryption: { algorithm: "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519" },
        chat_type: "group-chat",
        policy_profile: "lm-default",
      },
      "",
    ),
    auth_events: [],
    prev_events: [],
  });
  const createId = idOf(create);
  let last = createId;
  const hub = (type: string, content: Draft, stateKey?: string, auth: string[] = [createId]): JsonObject => {
    const event = hubPdu({ ...base(type, content, stateKey), auth_events: auth, prev_events: [last] });
    last = idOf(event);
    return event;
  };
  const aliceJoin = hub("m.room.member", { membership: "join", displayname: "Alice" }, ALICE);
  const aliceJoinId = last;
  const auth = [createId, aliceJoinId];
  const powerLevels = hub(
    "m.room.power_levels",
    { ban: 50, kick: 50, invite: 0, redact: 50, events: { "m.room.name": 50 }, users: { [ALICE]: 100 } },
    "",
    auth,
  );
  const authPl = [createId, idOf(powerLevels), aliceJoinId];
  const joinRules = hub("m.room.join_rules", { join_rule: "public" }, "", authPl);
  const historyVisibility = hub("m.room.history_visibility", { history_visibility: "shared" }, "", authPl);
  const name = hub("m.room.name", { name: "Book club" }, "", authPl);
  const topic = hub("m.room.topic", { topic: "RFC 5234" }, "", authPl);
  const avatar = hub("m.room.avatar", { url: "mxc://hub.example/abc" }, "", authPl);

  const remote = (type: string, content: Draft, stateKey?: string): Draft => ({
    ...base(type, content, stateKey),
    sender: BOB,
  });
  const bobJoinLpdu = participantLpdu(remote("m.room.member", { membership: "join" }, BOB));
  const bobJoin = hubFromLpdu(bobJoinLpdu, [createId, idOf(powerLevels), idOf(joinRules)], last);
  last = idOf(bobJoin);
  const commitLpdu = participantLpdu(remote("m.mls.commit", { message: "AAEC", public_group_state: "AwQF" }));
  const commit = hubFromLpdu(commitLpdu, [createId, idOf(powerLevels), idOf(bobJoin)], last);
  last = idOf(commit);
  const encryptedLpdu = participantLpdu(
    remote("m.room.encrypted", {
      algorithm: "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519",
      ciphertext: "c2VjcmV0",
      commit_event_id: idOf(commit),
    }),
  );
  const encrypted = hubFromLpdu(encryptedLpdu, [createId, idOf(powerLevels), idOf(bobJoin)], last);
  last = idOf(encrypted);
  const redaction = hub("m.room.redaction", { redacts: idOf(encrypted), reason: "oops" }, undefined, authPl);
  const poll = hub("org.example.poll", { question: "Tea?", answers: ["yes", "no"] }, undefined, authPl);
  const oddJoinRules = hub("m.room.join_rules", { anything: true }, "not-empty", authPl);
  const pdus = [
    create,
    aliceJoin,
    powerLevels,
    joinRules,
    historyVisibility,
    name,
    topic,
    avatar,
    bobJoin,
    commit,
    encrypted,
    redaction,
    poll,
    oddJoinRules,
  ];
  return {
    create,
    aliceJoin,
    powerLevels,
    joinRules,
    historyVisibility,
    name,
    topic,
    avatar,
    bobJoinLpdu,
    bobJoin,
    commitLpdu,
    commit,
    encryptedLpdu,
    encrypted,
    redaction,
    poll,
    oddJoinRules,
    pdus,
  };
}

/** The fixture history (built once). */
export const history: History = buildHistory();

/** A deep copy of a JSON value as plain objects, to mutate in a test. */
export function copy<T>(value: T): Record<string, unknown> & T {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown> & T;
}
