/**
 * Simple fast-check generators of valid events for the round-trip properties (the generic
 * SchemaAST → fast-check bridge will replace most of this). Hashes and signatures are random
 * bytes of the right length: the schemas check their shape, not the cryptography.
 */
import fc from "fast-check";
import { roomIdArbitrary, serverNameArbitrary, userIdArbitrary } from "../../src/arbitrary/identifiers.ts";
import { encodeBase64, encodeBase64Url } from "../../src/canonical/base64.ts";
import { jsonValue } from "../canonical/arbitraries.ts";

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

/** Strict event IDs: `$` and the URL-safe base64 of 32 random octets. */
export const eventIdArb: fc.Arbitrary<string> = bytes(32).map((b) => `$${encodeBase64Url(b)}`);
/** SHA-256 hashes in unpadded base64. */
export const sha256Arb: fc.Arbitrary<string> = bytes(32).map(encodeBase64);
/** Ed25519 signatures in unpadded base64. */
export const signatureArb: fc.Arbitrary<string> = bytes(64).map(encodeBase64);
/** Key IDs. */
export const keyIdArb: fc.Arbitrary<string> = fc
  .stringMatching(/^[A-Za-z0-9_]{1,6}$/)
  .map((v) => `ed25519:${v}`);
/** Unpadded base64 of a few octets (MLS payloads). */
export const payloadArb: fc.Arbitrary<string> = fc.uint8Array({ maxLength: 24 }).map(encodeBase64);

/** Signatures: a few servers, a few keys each. */
export const signaturesArb = fc.dictionary(
  serverNameArbitrary,
  fc.dictionary(keyIdArb, signatureArb, { maxKeys: 2 }),
  { maxKeys: 2 },
);

/** Keys no schema declares, so they land in the open rest of a struct. */
const extraKey = fc.oneof(
  fc.stringMatching(/^x_[a-z]{1,6}$/),
  fc.constantFrom("org.example.note", "__proto__", "constructor", "toString"),
);

/** Extra keys with arbitrary JSON values, to check that nothing is dropped. */
export const extrasArb = fc
  .uniqueArray(fc.tuple(extraKey, jsonValue(fc.integer(), 2)), { maxLength: 3, selector: ([k]) => k })
  .map((entries) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries)
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });

/** Merges extra keys into an object as own properties (`__proto__` included). */
function withExtras(
  object: Record<string, unknown>,
  extras: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of [extras, object]) {
    for (const k of Object.keys(source)) {
      Object.defineProperty(out, k, {
        value: source[k],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

const safeInt = fc.integer({ min: -1000, max: 1000 });
const text = fc.string({ maxLength: 12 });

/** What a generated event of one type looks like before the envelope: its type, state key and content. */
interface Body {
  readonly type: string;
  readonly state_key?: string;
  readonly content: Record<string, unknown>;
}

const optional = <T>(key: string, arb: fc.Arbitrary<T>) =>
  fc.option(arb, { nil: undefined }).map((v) => (v === undefined ? {} : { [key]: v }));

const content = (parts: ReadonlyArray<fc.Arbitrary<Record<string, unknown>>>) =>
  fc.tuple(fc.tuple(...parts), extrasArb).map(([ps, extras]) => withExtras(Object.assign({}, ...ps), extras));

/** Bodies of every modelled type except create (whose prev/auth rules differ), and custom ones. */
export const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  fc
    .tuple(
      userIdArbitrary(),
      content([
        fc.record({ membership: fc.constantFrom("invite", "join", "leave", "ban", "knock") }),
        optional("reason", text),
      ]),
    )
    .map(([user, c]) => ({ type: "m.room.member", state_key: user, content: c })),
  content([
    optional("ban", safeInt),
    optional("kick", safeInt),
    optional("invite", safeInt),
    optional("redact", safeInt),
    optional("events_default", safeInt),
    optional("state_default", safeInt),
    optional("users_default", safeInt),
    optional("users", fc.dictionary(userIdArbitrary(), safeInt, { maxKeys: 3 })),
    optional(
      "events",
      fc.dictionary(fc.constantFrom("m.room.name", "m.room.topic", "org.example.x"), safeInt),
    ),
  ]).map((c) => ({ type: "m.room.power_levels", state_key: "", content: c })),
  content([fc.record({ join_rule: fc.constantFrom("public", "knock", "invite") })]).map((c) => ({
    type: "m.room.join_rules",
    state_key: "",
    content: c,
  })),
  content([fc.record({ history_visibility: fc.constantFrom("invited", "joined", "shared", "world") })]).map(
    (c) => ({
      type: "m.room.history_visibility",
      state_key: "",
      content: c,
    }),
  ),
  content([optional("name", text)]).map((c) => ({ type: "m.room.name", state_key: "", content: c })),
  content([optional("topic", text)]).map((c) => ({ type: "m.room.topic", state_key: "", content: c })),
  content([optional("url", text)]).map((c) => ({ type: "m.room.avatar", state_key: "", content: c })),
  content([fc.record({ redacts: eventIdArb }), optional("reason", text)]).map((c) => ({
    type: "m.room.redaction",
    content: c,
  })),
  content([
    fc.record({
      algorithm: fc.constant("m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519"),
      ciphertext: payloadArb,
      commit_event_id: eventIdArb,
    }),
  ]).map((c) => ({ type: "m.room.encrypted", content: c })),
  content([
    fc.record({ message: payloadArb, public_group_state: payloadArb }),
    optional("prev_commit_event_id", eventIdArb),
  ]).map((c) => ({ type: "m.mls.commit", content: c })),
  fc
    .tuple(
      fc.stringMatching(/^(org|com)\.example\.[a-z]{1,8}$/),
      fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
      extrasArb,
    )
    .map(([type, stateKey, extras]) => ({
      type,
      ...(stateKey === undefined ? {} : { state_key: stateKey }),
      content: extras,
    })),
  fc
    .string({ minLength: 1, maxLength: 10 })
    .map((stateKey) => ({ type: "m.room.join_rules", state_key: stateKey, content: {} })),
);

/** Create-event bodies. */
export const createBodyArb: fc.Arbitrary<Body> = content([
  fc.record({
    room_version: fc.constantFrom("I.1", "1", "org.matrix.i-d.ralston-mimi-linearized-matrix.02"),
  }),
  optional(
    "encryption",
    fc.record({ algorithm: fc.constant("m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519") }),
  ),
  optional("chat_type", fc.constantFrom("dm", "group-dm", "group-chat", "public-chat")),
  optional("policy_profile", fc.constantFrom("lm-default", "pol-00")),
]).map((c) => ({ type: "m.room.create", state_key: "", content: c }));

/** The envelope fields every event has, with optional extra top-level keys. */
const envelopeArb = fc.record({
  room_id: roomIdArbitrary(),
  sender: userIdArbitrary(),
  origin_server_ts: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  signatures: signaturesArb,
  extra: fc.option(fc.record({ unsigned: fc.record({ age: fc.nat() }) }), { nil: undefined }),
});

/** Valid fully-formed events (PDUs) of every kind, hub-sent or participant-sent. */
export const pduArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.tuple(envelopeArb, createBodyArb, sha256Arb).map(([env, body, hash]) => ({
    ...env.extra,
    room_id: env.room_id,
    sender: env.sender,
    origin_server_ts: env.origin_server_ts,
    signatures: env.signatures,
    ...body,
    hashes: { sha256: hash },
    auth_events: [],
    prev_events: [],
  })),
  fc
    .tuple(
      envelopeArb,
      bodyArb,
      sha256Arb,
      fc.option(fc.tuple(serverNameArbitrary, sha256Arb), { nil: undefined }),
      fc.array(eventIdArb, { maxLength: 4 }),
      fc.array(eventIdArb, { minLength: 1, maxLength: 3 }),
    )
    .map(([env, body, hash, hub, auth, prev]) => ({
      ...env.extra,
      room_id: env.room_id,
      sender: env.sender,
      origin_server_ts: env.origin_server_ts,
      signatures: env.signatures,
      ...body,
      ...(hub === undefined ? {} : { hub_server: hub[0] }),
      hashes: hub === undefined ? { sha256: hash } : { sha256: hash, lpdu: { sha256: hub[1] } },
      auth_events: auth,
      prev_events: hub === undefined ? prev : prev.slice(0, 1),
    })),
);

/** Valid limited events (LPDUs). */
export const lpduArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(envelopeArb, bodyArb, sha256Arb, fc.option(serverNameArbitrary, { nil: undefined }))
  .map(([env, body, hash, hub]) => ({
    ...env.extra,
    room_id: env.room_id,
    sender: env.sender,
    origin_server_ts: env.origin_server_ts,
    signatures: env.signatures,
    ...body,
    ...(hub === undefined ? {} : { hub_server: hub }),
    hashes: { lpdu: { sha256: hash } },
  }));
