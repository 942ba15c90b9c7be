/**
 * Identifier vectors: for each kind, hand-written strings (the drafts' examples, the prose
 * limits at their edges) plus strings generated from the kind's grammar rule and near misses one
 * edit away. Whatever its source, each string's verdict and reason are the schema's own: the
 * generators only propose candidates (a generated `user_id` may still break the 255-character
 * or port limits, and then it is an invalid vector with the prose reason).
 *
 * @module
 */
import {
  EventId,
  EventType,
  KeyId,
  KeyVersion,
  LmEventId,
  RoomId,
  RoomVersion,
  ServerName,
  StateKey,
  schemaProblem,
  UserId,
} from "@mimi-spec/schema";
import type { Schema } from "effect";
import {
  type IdentifierKind,
  type IdentifierVector,
  type IdentifierVectorFile,
  VECTOR_FORMAT,
  VECTOR_FORMAT_VERSION,
} from "./shapes.ts";
import { nearMissSamples, specGrammar, VECTOR_SEED, validSamples } from "./spec-grammar.ts";

/** How one kind is validated and where its candidates come from. */
export interface IdentifierKindSpec {
  readonly kind: IdentifierKind;
  /** The schema's name in `schemasByName` (`mimi validate --schema`). */
  readonly schemaName: string;
  readonly schema: Schema.Top;
  /** The grammar rule whose samples and near misses become candidates. */
  readonly grammar?: { readonly file: string; readonly rule: string };
  /** Put before each generated string (event types: the grammar covers what follows `m.`). */
  readonly prefix?: string;
  readonly description: string;
  /** Hand-written candidates: the drafts' examples and the limits at their edges. */
  readonly curated: ReadonlyArray<string>;
}

const IDS = "spec/grammar/identifiers.abnf";
const EVENTS = "spec/grammar/events.abnf";
const HOST_253 = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;

/** Every identifier kind the vectors cover. */
export const IDENTIFIER_KIND_SPECS: ReadonlyArray<IdentifierKindSpec> = [
  {
    kind: "server_name",
    schemaName: "ServerName",
    schema: ServerName,
    grammar: { file: IDS, rule: "server_name" },
    description: 'hostname [ ":" port ]; at most 255 characters; port 1-65535.',
    curated: [
      "example.org",
      "example.org:8448",
      "localhost",
      "1.2.3.4",
      "example.org:1",
      "example.org:65535",
      "example.org:0",
      "example.org:65536",
      "example.org:99999",
      "example.org:123456",
      "example.org:",
      "exa mple.org",
      "ex_ample.org",
      "[::1]",
      "",
      `${"a".repeat(255)}`,
      `${"a".repeat(256)}`,
    ],
  },
  {
    kind: "user_id",
    schemaName: "UserId",
    schema: UserId,
    grammar: { file: IDS, rule: "user_id" },
    description: '"@" user_id_localpart ":" server_name; at most 255 characters; case-sensitive.',
    curated: [
      "@alice:example.org",
      "@watch/for/slashes:example.org",
      "@bob:example.org:8448",
      "@carol=1.x+y_z-w:chat.example.com",
      "@Alice:example.org",
      "alice:example.org",
      "@alice",
      "@:example.org",
      "@alice:example.org:99999",
      "@alice:exa mple.org",
      "@al:ice:example.org",
      "@alicé:example.org",
      `@${"a".repeat(241)}:example.org`,
      `@${"a".repeat(242)}:example.org`,
      `@a:${HOST_253}`,
    ],
  },
  {
    kind: "room_id",
    schemaName: "RoomId",
    schema: RoomId,
    grammar: { file: IDS, rule: "room_id" },
    description: '"!" room_id_localpart ":" server_name; at most 255 characters; the localpart is opaque.',
    curated: [
      "!abc:example.org",
      "!cEXuEjziVcCzbxbqmN:example.org",
      "!Room~1_a.b-c:example.org:443",
      "!:example.org",
      "#abc:example.org",
      "!abc",
      "!a b:example.org",
      "!abc:example.org:70000",
      `!${"r".repeat(241)}:example.org`,
      `!${"r".repeat(242)}:example.org`,
    ],
  },
  {
    kind: "event_id",
    schemaName: "EventId",
    schema: EventId,
    grammar: { file: EVENTS, rule: "sha256-event-id" },
    description:
      'The strict profile: "$" and the 43-character URL-safe unpadded base64 SHA-256 reference hash (canonical encoding).',
    curated: [
      "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc",
      "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadd",
      "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opad",
      "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc=",
      "$nKHVqt3iyLA+HEE8lT1yUaaVjjBRR/fAqpN4t7opadc",
      "nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc",
      "$first",
    ],
  },
  {
    kind: "lm_event_id",
    schemaName: "LmEventId",
    schema: LmEventId,
    grammar: { file: EVENTS, rule: "event_id" },
    description: 'LM\'s grammar: "$" and one or more URL-safe base64 characters, no length limit.',
    curated: ["$first", "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc", "$", "$a+b", "$abc=", "first"],
  },
  {
    kind: "room_version",
    schemaName: "RoomVersion",
    schema: RoomVersion,
    grammar: { file: EVENTS, rule: "room_version" },
    description: "1 to 128 characters of a-z, 0-9, '-' and '.' (LM's grammar; LM's own \"I.1\" breaks it).",
    curated: [
      "1",
      "org.matrix.i-d.ralston-mimi-linearized-matrix.02",
      "I.1",
      "",
      "r".repeat(128),
      "r".repeat(129),
      "Org.example",
    ],
  },
  {
    kind: "key_id",
    schemaName: "KeyId",
    schema: KeyId,
    grammar: { file: EVENTS, rule: "key_id" },
    description: '"ed25519:" and a key version; the algorithm written in lower case.',
    curated: ["ed25519:1", "ed25519:a_bcd", "ED25519:1", "Ed25519:1", "ed25519:", "rsa:1", "ed25519:a-b"],
  },
  {
    kind: "key_version",
    schemaName: "KeyVersion",
    schema: KeyVersion,
    grammar: { file: EVENTS, rule: "key_version" },
    description: "One or more of A-Z a-z 0-9 _.",
    curated: ["1", "a_bcd", "", "a-b", "é"],
  },
  {
    kind: "event_type",
    schemaName: "EventType",
    schema: EventType,
    grammar: { file: EVENTS, rule: "namespaced-id" },
    prefix: "m.",
    description:
      '1 to 255 characters of UTF-8 text; types starting with "m." follow Matrix\'s namespaced identifier grammar.',
    curated: [
      "m.room.member",
      "org.example.app.event",
      "M.Room.Member",
      "x",
      "😀",
      "",
      "m.Room.member",
      "m.room member",
      "m.",
      "t".repeat(255),
      "t".repeat(256),
    ],
  },
  {
    kind: "state_key",
    schemaName: "StateKey",
    schema: StateKey,
    description: "0 to 255 characters (code points) of UTF-8 text.",
    curated: ["", "@alice:example.org", "k".repeat(255), "😀".repeat(255), "k".repeat(256), "😀".repeat(256)],
  },
];

/** Generated candidates per kind: this many samples and this many near misses. */
export const GENERATED_PER_KIND = 8;

interface Candidate {
  readonly value: string;
  readonly source: IdentifierVector["source"];
  readonly note?: string;
}

function candidatesOf(spec: IdentifierKindSpec): Candidate[] {
  const out: Candidate[] = spec.curated.map((value) => ({ value, source: "curated" }));
  if (spec.grammar !== undefined) {
    const loaded = specGrammar(spec.grammar.file);
    const prefix = spec.prefix ?? "";
    for (const s of validSamples(loaded, spec.grammar.rule, GENERATED_PER_KIND))
      out.push({ value: prefix + s.text, source: "grammar-sample" });
    for (const s of nearMissSamples(loaded, spec.grammar.rule, GENERATED_PER_KIND))
      out.push({
        value: prefix + s.text,
        source: "near-miss",
        ...(s.edit === undefined ? {} : { note: s.edit }),
      });
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    if (seen.has(c.value)) return false;
    seen.add(c.value);
    return true;
  });
}

/** The vectors of one kind: valid ones first, then invalid ones, numbered within each group. */
export function identifierVectorsOf(spec: IdentifierKindSpec): IdentifierVector[] {
  const classified = candidatesOf(spec).map((c) => ({
    ...c,
    problem: schemaProblem(spec.schema as Schema.Decoder<unknown>, c.value),
  }));
  const number = (i: number) => String(i + 1).padStart(3, "0");
  const valid = classified
    .filter((c) => c.problem === undefined)
    .map(
      (c, i): IdentifierVector => ({
        id: `identifiers/${spec.kind}/valid/${number(i)}`,
        kind: spec.kind,
        value: c.value,
        expected: { valid: true },
        source: c.source,
        ...(c.note === undefined ? {} : { note: c.note }),
      }),
    );
  const invalid = classified
    .filter((c) => c.problem !== undefined)
    .map(
      (c, i): IdentifierVector => ({
        id: `identifiers/${spec.kind}/invalid/${number(i)}`,
        kind: spec.kind,
        value: c.value,
        expected: { valid: false, reason: c.problem as string },
        source: c.source,
        ...(c.note === undefined ? {} : { note: c.note }),
      }),
    );
  return [...valid, ...invalid];
}

/** The identifiers file (of every kind, or of the kinds given). */
export function identifierVectorFile(
  specs: ReadonlyArray<IdentifierKindSpec> = IDENTIFIER_KIND_SPECS,
): IdentifierVectorFile {
  return {
    $schema: "./identifiers.schema.json",
    format: VECTOR_FORMAT,
    version: VECTOR_FORMAT_VERSION,
    kind: "identifiers",
    description:
      "Valid and invalid strings per identifier kind. `expected.valid` is normative; `reason` is the reference's error text for people.",
    seed: VECTOR_SEED,
    kinds: specs.map((s) => ({
      kind: s.kind,
      schema: s.schemaName,
      ...(s.grammar === undefined ? {} : { grammar: s.grammar }),
      description: s.description,
    })),
    vectors: specs.flatMap(identifierVectorsOf),
  };
}

/** The schema that decides a kind's validity. */
export function identifierSchema(kind: IdentifierKind): Schema.Top {
  const spec = IDENTIFIER_KIND_SPECS.find((s) => s.kind === kind);
  if (spec === undefined) throw new Error(`unknown identifier kind ${kind}`);
  return spec.schema;
}
