/**
 * Event vectors: limited events (LPDUs) as a participant sends them and fully-formed events
 * (PDUs) as the hub forms them, each signed with deterministic test keys and hashed in the
 * profile of the vector, with the canonical form, content hash, reference hash, event ID and
 * redacted form the reference computes. The cases aim at the places implementations disagree:
 * key order of non-BMP characters (JCS sorts UTF-16 code units, Matrix code points), number
 * forms, string escapes, `unsigned` and unknown keys, and each type's redaction keep-list.
 *
 * The events are hashing vectors, not a valid room history: their `auth_events` and
 * `prev_events` chain the IDs of the vectors before them.
 *
 * @module
 */
import {
  type CanonicalProfile,
  type EventForm,
  encodeBase64,
  type JsonObject,
  type JsonValue,
  type SigningKey,
  sha256,
  signEvent,
  signingKeyFromSeed,
  withContentHash,
} from "@mimi-spec/schema";
import { eventOutcome } from "./event-algorithms.ts";
import { type EventVector, type EventVectorFile, VECTOR_FORMAT, VECTOR_FORMAT_VERSION } from "./shapes.ts";

/** A deterministic test key: its seed is SHA-256 of a label naming the server. */
interface TestKey {
  readonly server: string;
  readonly seed: Uint8Array;
  readonly key: SigningKey;
}

function testKey(server: string): TestKey {
  const seed = sha256(new TextEncoder().encode(`mimi-spec conformance vector key: ${server}`));
  const key = signingKeyFromSeed(seed, "1");
  if (!key.ok) throw new Error(key.error.message);
  return { server, seed, key: key.value };
}

const HUB = testKey("hub.example");
const PARTICIPANT = testKey("participant.example");
const ROOM = "!vectors:hub.example";
const ALICE = "@alice:hub.example";
const BOB = "@bob:participant.example";

/** One event case: how to build it, in which form. */
interface EventCase {
  readonly name: string;
  readonly description: string;
  readonly form: EventForm;
  /** The event before hashes and signatures; `prev` is the ID of the PDU before it (if any). */
  readonly build: (chain: Chain) => JsonObject;
}

/** The IDs of the PDUs built so far in one profile, for `auth_events` and `prev_events`. */
interface Chain {
  readonly create?: string;
  readonly previous?: string;
}

function references(chain: Chain): { auth_events: string[]; prev_events: string[] } {
  return {
    auth_events: chain.create === undefined ? [] : [chain.create],
    prev_events: chain.previous === undefined ? [] : [chain.previous],
  };
}

/** A participant's event as the hub receives it: hub_server set, `hashes.lpdu` to come. */
function participantEvent(type: string, content: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    room_id: ROOM,
    type,
    sender: BOB,
    origin_server_ts: 1_700_000_000_000,
    hub_server: "hub.example",
    ...extra,
    content,
  };
}

/** A hub-originated event: no hub_server, no `hashes.lpdu`. */
function hubEvent(type: string, content: JsonObject, chain: Chain, extra: JsonObject = {}): JsonObject {
  return {
    room_id: ROOM,
    type,
    sender: ALICE,
    origin_server_ts: 1_700_000_000_000,
    ...extra,
    content,
    ...references(chain),
  };
}

/** Keys on both sides of the surrogate range: JCS and Matrix order U+1F600 and U+FB33 differently. */
const REACTIONS = { "\u{1F600}": 1, "\uFB33": 2, z: 3, "\u00E9": 4 };

/** The cases, in order (PDUs chain in this order). */
const CASES: ReadonlyArray<EventCase> = [
  {
    name: "pdu-create",
    description:
      "The hub's create event: no hub_server, no hashes.lpdu; create keeps all content on redaction.",
    form: "pdu",
    build: (chain) =>
      hubEvent(
        "m.room.create",
        { room_version: "I.1", "org.example.creator_note": "kept: create keeps all content" },
        chain,
        { state_key: "" },
      ),
  },
  {
    name: "lpdu-message",
    description:
      "A participant's message as sent to the hub, with keys whose order differs between JCS (UTF-16) and Matrix (code points).",
    form: "lpdu",
    build: () =>
      participantEvent("m.room.message", {
        body: "Hello from participant.example 😀",
        "org.example.reactions": REACTIONS,
      }),
  },
  {
    name: "pdu-message",
    description: "The PDU the hub forms from lpdu-message: hashes.lpdu kept, auth and prev events added.",
    form: "pdu",
    build: (chain) => ({
      ...participantEvent("m.room.message", {
        body: "Hello from participant.example 😀",
        "org.example.reactions": REACTIONS,
      }),
      ...references(chain),
    }),
  },
  {
    name: "lpdu-member-join",
    description: "A join; redaction keeps only `membership` of the content.",
    form: "lpdu",
    build: () =>
      participantEvent(
        "m.room.member",
        { membership: "join", displayname: "Bob", avatar_url: "mxc://participant.example/bob" },
        { state_key: BOB },
      ),
  },
  {
    name: "pdu-member-join",
    description: "The join as the hub forms it.",
    form: "pdu",
    build: (chain) => ({
      ...participantEvent(
        "m.room.member",
        { membership: "join", displayname: "Bob", avatar_url: "mxc://participant.example/bob" },
        { state_key: BOB },
      ),
      ...references(chain),
    }),
  },
  {
    name: "pdu-power-levels",
    description: "Power levels: redaction keeps the LM list (ban, events, …, invite) and drops the rest.",
    form: "pdu",
    build: (chain) =>
      hubEvent(
        "m.room.power_levels",
        {
          users: { [ALICE]: 100, [BOB]: 50 },
          users_default: 0,
          events: { "m.room.name": 50, "m.room.power_levels": 100 },
          events_default: 0,
          state_default: 50,
          ban: 50,
          kick: 50,
          redact: 50,
          invite: 0,
          notifications: { room: 50 },
          "org.example.custom": true,
        },
        chain,
        { state_key: "" },
      ),
  },
  {
    name: "pdu-join-rules",
    description: "Join rules: redaction keeps join_rule only.",
    form: "pdu",
    build: (chain) =>
      hubEvent("m.room.join_rules", { join_rule: "invite", allow: [] }, chain, { state_key: "" }),
  },
  {
    name: "pdu-history-visibility",
    description: "History visibility: redaction keeps history_visibility only.",
    form: "pdu",
    build: (chain) =>
      hubEvent("m.room.history_visibility", { history_visibility: "shared", extra: 1 }, chain, {
        state_key: "",
      }),
  },
  {
    name: "pdu-name",
    description: "A room name: a type without a keep-list, so redaction empties the content.",
    form: "pdu",
    build: (chain) => hubEvent("m.room.name", { name: "Vectors 😀" }, chain, { state_key: "" }),
  },
  {
    name: "pdu-redaction",
    description: "A redaction event: LM keeps no content key of m.room.redaction.",
    form: "pdu",
    build: (chain) =>
      hubEvent("m.room.redaction", { redacts: chain.previous ?? "$unknown", reason: "spam" }, chain),
  },
  {
    name: "pdu-unsigned-and-unknown-keys",
    description:
      "`unsigned` is left out of every hash; an unknown top-level key counts for the content hash but is redacted away.",
    form: "pdu",
    build: (chain) =>
      hubEvent("m.room.encrypted", { ciphertext: "b64ciphertext", algorithm: "m.mls.v1" }, chain, {
        unsigned: { age: 1234, "org.example.note": "not hashed" },
        "org.example.top_level": { kept: false },
      }),
  },
  {
    name: "lpdu-string-escapes",
    description:
      'Strings that need escaping: controls (\\u0000, \\b, \\u001f), quote, backslash, DEL, "/", U+2028 and a non-BMP character.',
    form: "lpdu",
    build: () =>
      participantEvent("org.example.text", {
        controls: "\u0000\b\t\n\f\r\u001f",
        quote: '"',
        backslash: "\\",
        del: "\u007f",
        slash: "/",
        separator: "\u2028",
        astral: "𝄞",
        "": "empty key",
      }),
  },
  {
    name: "lpdu-integers",
    description: "Integers at the edges of the safe range, zero and negatives: the same in both profiles.",
    form: "lpdu",
    build: () =>
      participantEvent("org.example.numbers", {
        max: 9_007_199_254_740_991,
        min: -9_007_199_254_740_991,
        zero: 0,
        negative: -7,
        nested: [1, [2, [3, { deep: true, nothing: null }]]],
      }),
  },
  {
    name: "lpdu-floats",
    description:
      "Fractions and exponents: RFC 8785 writes them as ECMAScript does (1e+30, 1e-7, 0.5); Matrix canonical JSON rejects them.",
    form: "lpdu",
    build: () =>
      participantEvent("org.example.numbers", { half: 0.5, large: 1e30, tiny: 1e-7, third: 1 / 3 }),
  },
  {
    name: "pdu-content-not-object",
    description:
      "A PDU whose content is a string: it has a canonical form, but it cannot be redacted, so it has no ID.",
    form: "pdu",
    build: (chain) => ({ ...hubEvent("org.example.broken", {}, chain), content: "not an object" }),
  },
];

function unwrap<A>(
  result: { ok: true; value: A } | { ok: false; error: { message: string } },
): A | undefined {
  return result.ok ? result.value : undefined;
}

/** Hashes and signs an event as its form requires, or `undefined` when the profile cannot. */
function finish(event: JsonObject, form: EventForm, profile: CanonicalProfile): JsonObject | undefined {
  const options = { profile };
  if (form === "lpdu") {
    const hashed = unwrap(withContentHash(event, "lpdu", options));
    return hashed === undefined
      ? undefined
      : unwrap(signEvent(hashed, PARTICIPANT.server, PARTICIPANT.key, options));
  }
  // A PDU from a participant's event carries the LPDU hash and signature first.
  let pdu: JsonObject | undefined = event;
  if (event.hub_server !== undefined) {
    const { auth_events, prev_events, ...limited } = event;
    const lpdu = finish(limited, "lpdu", profile);
    if (lpdu === undefined) return undefined;
    pdu = { ...lpdu, auth_events: auth_events as JsonValue, prev_events: prev_events as JsonValue };
  }
  const hashed = unwrap(withContentHash(pdu, "pdu", options));
  return hashed === undefined ? undefined : unwrap(signEvent(hashed, HUB.server, HUB.key, options));
}

/** The vectors of one canonical profile. */
export function eventVectorsOf(profile: CanonicalProfile): EventVector[] {
  let chain: Chain = {};
  const out: EventVector[] = [];
  for (const c of CASES) {
    const base = c.build(chain);
    // An event this profile cannot hash (a float under Matrix) is taken as a JCS room wrote it.
    const event = finish(base, c.form, profile) ?? finish(base, c.form, "jcs") ?? base;
    const outcome = eventOutcome(event, c.form, profile);
    out.push({
      id: `events/${profile}/${c.name}`,
      description: c.description,
      form: c.form,
      profile,
      event,
      expected: outcome.ok ? outcome.results : { rejected: { code: outcome.code, message: outcome.message } },
    });
    if (outcome.ok && outcome.results.eventId !== undefined)
      chain = { create: chain.create ?? outcome.results.eventId, previous: outcome.results.eventId };
  }
  return out;
}

function keyInfo(k: TestKey) {
  return { keyId: k.key.keyId, seed: encodeBase64(k.seed), publicKey: k.key.publicKeyBase64 };
}

/** The events file: every case in both profiles (or in the profiles given). */
export function eventVectorFile(
  profiles: ReadonlyArray<CanonicalProfile> = ["jcs", "matrix"],
): EventVectorFile {
  return {
    $schema: "./events.schema.json",
    format: VECTOR_FORMAT,
    version: VECTOR_FORMAT_VERSION,
    kind: "events",
    description:
      "Limited (lpdu) and fully-formed (pdu) events, hashed and signed in the vector's canonical profile, with what the reference computes. A rejection's code and message are informative.",
    keys: { [HUB.server]: keyInfo(HUB), [PARTICIPANT.server]: keyInfo(PARTICIPANT) },
    vectors: profiles.flatMap(eventVectorsOf),
  };
}
