/**
 * The shapes of the conformance vector files, as Effect schemas: the single source from which
 * `mimi vectors` derives the JSON Schema written beside each file, and with which `mimi
 * conformance --vectors DIR` decodes what it reads (so a damaged file is reported with a JSON
 * path instead of failing half-way through a run).
 *
 * Objects are open (unknown keys are kept and ignored): a newer minor revision of the format may
 * add fields without breaking older readers. `version` changes when a field changes meaning.
 *
 * @module
 */
import { Schema } from "effect";

/** The `format` value of every vector file. */
export const VECTOR_FORMAT = "mimi-conformance-vectors";

/** The version of the vector file format; bump it when a field changes meaning. */
export const VECTOR_FORMAT_VERSION = 1;

const described = <S extends Schema.Top>(schema: S, description: string) =>
  schema.pipe(Schema.annotate({ description }));

const Integer = Schema.Number.pipe(Schema.check(Schema.isInt()));
const NonNegativeInteger = Integer.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)));

/** A JSON object whose keys this format does not fix (an event, an action, …). */
const JsonObject = Schema.Record(Schema.String, Schema.Unknown);

/** A vector's ID: unique across every file, `/`-separated, stable across regenerations. */
const VectorId = described(
  Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9._/-]*$/u))),
  "Unique across all files; stable across regenerations; names the vector in runner output.",
);

/** The fields every file has. */
function header<K extends string>(kind: K) {
  return {
    $schema: Schema.optionalKey(described(Schema.String, "The JSON Schema of this file, relative to it.")),
    format: described(Schema.Literal(VECTOR_FORMAT), "Always `mimi-conformance-vectors`."),
    version: described(Schema.Literal(VECTOR_FORMAT_VERSION), "The vector format version."),
    kind: described(Schema.Literal(kind), "What the vectors test."),
    description: Schema.String,
  };
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** The identifier kinds, by the names of the drafts' grammar rules. */
export const IDENTIFIER_KINDS = [
  "server_name",
  "user_id",
  "room_id",
  "event_id",
  "lm_event_id",
  "room_version",
  "key_id",
  "key_version",
  "event_type",
  "state_key",
] as const;

/** An identifier kind. */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** What an identifier vector expects: valid, or invalid with the reference's own reason. */
export const IdentifierExpectation = Schema.Union([
  Schema.Struct({ valid: Schema.Literal(true) }),
  Schema.Struct({
    valid: Schema.Literal(false),
    reason: described(
      Schema.String,
      "The reference's error text (informative: implementations are compared on `valid` only).",
    ),
  }),
]);

/** One identifier vector. */
export const IdentifierVector = Schema.Struct({
  id: VectorId,
  kind: Schema.Literals(IDENTIFIER_KINDS),
  value: Schema.String,
  expected: IdentifierExpectation,
  source: described(
    Schema.Literals(["curated", "grammar-sample", "near-miss"]),
    "Where the string came from: written by hand, generated from the grammar, or one edit away from a generated string.",
  ),
  note: Schema.optionalKey(described(Schema.String, "For a near miss, the edit that made it.")),
});

/** One identifier vector. */
export type IdentifierVector = typeof IdentifierVector.Type;

/** An identifier kind's definition, for readers of the file. */
export const IdentifierKindInfo = Schema.Struct({
  kind: Schema.Literals(IDENTIFIER_KINDS),
  schema: described(Schema.String, "The @mimi-spec/schema schema that decides validity."),
  grammar: Schema.optionalKey(Schema.Struct({ file: Schema.String, rule: Schema.String })),
  description: Schema.String,
});

/** The identifiers file. */
export const IdentifierVectorFile = Schema.Struct({
  ...header("identifiers"),
  seed: described(Integer, "The seed of the grammar generators."),
  kinds: Schema.Array(IdentifierKindInfo),
  vectors: Schema.Array(IdentifierVector),
}).pipe(
  Schema.annotate({
    identifier: "IdentifierVectorFile",
    title: "MIMI identifier test vectors",
    description: "Valid and invalid strings per identifier kind, with the reason for each invalid one.",
  }),
);

/** The identifiers file. */
export type IdentifierVectorFile = typeof IdentifierVectorFile.Type;

// ---------------------------------------------------------------------------------------------
// Events

/** The results of the event algorithms on one event. */
export const EventResults = Schema.Struct({
  canonical: described(Schema.String, "The canonical JSON text of the whole event, as given."),
  contentHash: described(
    Schema.String,
    "SHA-256 content hash, standard unpadded base64 (LM §int-content-hashes, of the form given).",
  ),
  referenceHash: Schema.optionalKey(
    described(Schema.String, "PDU only: SHA-256 reference hash, URL-safe unpadded base64."),
  ),
  eventId: Schema.optionalKey(described(Schema.String, "PDU only: `$` and the reference hash.")),
  redacted: described(JsonObject, "The event after LM redaction (§int-redactions)."),
});

/** The results of the event algorithms on one event. */
export type EventResults = typeof EventResults.Type;

/** The event cannot be processed in this profile (e.g. a float under Matrix canonical JSON). */
export const EventRejection = Schema.Struct({
  rejected: Schema.Struct({
    code: described(Schema.String, "The reference's error code (informative)."),
    message: described(Schema.String, "The reference's error text (informative)."),
  }),
});

/** One event vector. */
export const EventVector = Schema.Struct({
  id: VectorId,
  description: Schema.String,
  form: described(
    Schema.Literals(["lpdu", "pdu"]),
    "`lpdu`: a limited event as a participant sends it; `pdu`: a fully-formed event.",
  ),
  profile: described(
    Schema.Literals(["jcs", "matrix"]),
    "Canonical JSON: RFC 8785 (`jcs`, LM's choice) or Matrix canonical JSON (`matrix`).",
  ),
  event: JsonObject,
  expected: Schema.Union([EventResults, EventRejection]),
});

/** One event vector. */
export type EventVector = typeof EventVector.Type;

/** The events file. */
export const EventVectorFile = Schema.Struct({
  ...header("events"),
  keys: described(
    Schema.Record(
      Schema.String,
      Schema.Struct({ keyId: Schema.String, seed: Schema.String, publicKey: Schema.String }),
    ),
    "The Ed25519 keys that signed the events, by server (seeds in standard unpadded base64).",
  ),
  vectors: Schema.Array(EventVector),
}).pipe(
  Schema.annotate({
    identifier: "EventVectorFile",
    title: "MIMI event test vectors",
    description:
      "Limited and fully-formed events with their canonical form, content hash, reference hash, event ID and redacted form.",
  }),
);

/** The events file. */
export type EventVectorFile = typeof EventVectorFile.Type;

// ---------------------------------------------------------------------------------------------
// Policy traces

/** The verdict of one step. */
export const StepVerdict = Schema.Union([
  Schema.Struct({ verdict: Schema.Literal("accepted") }),
  Schema.Struct({
    verdict: Schema.Literal("rejected"),
    guard: described(Schema.String, "The guard that refused (compared exactly)."),
    requirements: described(Schema.Array(Schema.String), "The requirement IDs it enforces (informative)."),
    reason: described(Schema.String, "The reference's reason (informative)."),
  }),
]);

/** The verdict of one step. */
export type StepVerdict = typeof StepVerdict.Type;

/** One room at the end of a trace. */
export const FinalRoom = Schema.Struct({
  room: Schema.String,
  hub: Schema.String,
  chatType: Schema.String,
  events: described(NonNegativeInteger, "How many events the hub's copy holds."),
  head: described(Schema.String, "The ID of the hub's latest event."),
  members: described(Schema.Record(Schema.String, Schema.String), "Every user with a membership event → it."),
  copies: described(Schema.Record(Schema.String, NonNegativeInteger), "How many events each server holds."),
});

/** The state compared at the end of a trace. */
export const FinalState = Schema.Struct({
  rooms: Schema.Array(FinalRoom),
  findings: described(
    Schema.Array(
      Schema.Struct({
        server: Schema.String,
        room: Schema.String,
        eventId: Schema.String,
        guard: Schema.String,
      }),
    ),
    "Events honest followers refused from a misbehaving hub.",
  ),
});

/** The state compared at the end of a trace. */
export type FinalState = typeof FinalState.Type;

/** One policy vector: a trace and what the reference does with it. */
export const PolicyVector = Schema.Struct({
  id: VectorId,
  source: described(
    Schema.String,
    "`models/traces/NAME.json` for a shipped trace, `generated/NAME` for a sequence built for coverage.",
  ),
  description: Schema.String,
  profile: described(Schema.String, "The named profile the run starts from."),
  overrides: described(Schema.Record(Schema.String, Schema.String), "Options changed from that profile."),
  options: described(
    Schema.Record(Schema.String, Schema.String),
    "Every option's value for this run (the profile plus the overrides): authoritative.",
  ),
  delivery: Schema.Literals(["instant", "network"]),
  eventIds: Schema.Literals(["counter", "reference-hash"]),
  steps: Schema.Array(Schema.Struct({ action: JsonObject, expected: StepVerdict })),
  final: FinalState,
});

/** One policy vector. */
export type PolicyVector = typeof PolicyVector.Type;

/** Where a guard is seen passing and refusing in a file. */
export const GuardCoverage = Schema.Struct({
  pass: Schema.optionalKey(described(Schema.String, "The first vector in which the guard holds.")),
  reject: Schema.optionalKey(described(Schema.String, "The first vector in which the guard refuses.")),
});

/** A policy file: one profile. */
export const PolicyVectorFile = Schema.Struct({
  ...header("policy"),
  profile: Schema.String,
  summary: Schema.String,
  options: described(Schema.Record(Schema.String, Schema.String), "The profile's option values."),
  coverage: described(Schema.Record(Schema.String, GuardCoverage), "Every guard of the machine."),
  uncovered: described(
    Schema.Array(
      Schema.Struct({
        guard: Schema.String,
        outcome: Schema.Literals(["pass", "reject"]),
        why: Schema.String,
      }),
    ),
    "Guard outcomes no vector of this file shows, and why.",
  ),
  vectors: Schema.Array(PolicyVector),
}).pipe(
  Schema.annotate({
    identifier: "PolicyVectorFile",
    title: "MIMI policy trace vectors",
    description:
      "Action sequences with the expected verdict of each step and the final room state, for one profile.",
  }),
);

/** A policy file. */
export type PolicyVectorFile = typeof PolicyVectorFile.Type;

// ---------------------------------------------------------------------------------------------
// Grammar

/** One grammar vector. */
export const GrammarVector = Schema.Struct({
  id: VectorId,
  file: described(Schema.String, "The ABNF file (a key of `grammars`)."),
  rule: Schema.String,
  input: Schema.String,
  expected: Schema.Struct({ matches: Schema.Boolean }),
  source: Schema.Literals(["sample", "near-miss"]),
  note: Schema.optionalKey(described(Schema.String, "For a near miss, the edit that made it.")),
});

/** One grammar vector. */
export type GrammarVector = typeof GrammarVector.Type;

/** The grammar file. */
export const GrammarVectorFile = Schema.Struct({
  ...header("grammar"),
  seed: described(Integer, "The seed of the generators."),
  grammars: described(Schema.Record(Schema.String, Schema.String), "The ABNF text of each file, verbatim."),
  vectors: Schema.Array(GrammarVector),
}).pipe(
  Schema.annotate({
    identifier: "GrammarVectorFile",
    title: "MIMI grammar test vectors",
    description:
      "Strings per ABNF rule with the exact (RFC 5234) verdict: generated valid strings and near misses one edit away.",
  }),
);

/** The grammar file. */
export type GrammarVectorFile = typeof GrammarVectorFile.Type;

// ---------------------------------------------------------------------------------------------
// Manifest

/** The vector file kinds. */
export const VECTOR_KINDS = ["identifiers", "events", "policy", "grammar"] as const;

/** A vector file kind. */
export type VectorKind = (typeof VECTOR_KINDS)[number];

/** `index.json`: every vector file, so a reader loads a directory without guessing names. */
export const VectorManifest = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  format: Schema.Literal(VECTOR_FORMAT),
  version: Schema.Literal(VECTOR_FORMAT_VERSION),
  kind: Schema.Literal("manifest"),
  description: Schema.String,
  protocol: described(Integer, "The conformance protocol version these vectors are meant for."),
  files: Schema.Array(
    Schema.Struct({
      file: Schema.String,
      schema: Schema.String,
      kind: Schema.Literals(VECTOR_KINDS),
      vectors: NonNegativeInteger,
      sha256: described(Schema.String, "SHA-256 of the file's bytes, lower-case hex."),
    }),
  ),
}).pipe(
  Schema.annotate({
    identifier: "VectorManifest",
    title: "MIMI conformance vectors: index",
    description: "The vector files of a directory, with their schemas, vector counts and digests.",
  }),
);

/** `index.json`. */
export type VectorManifest = typeof VectorManifest.Type;
