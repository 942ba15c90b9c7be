/**
 * Schemas that exercise every AST node kind the arbitrary bridge and the JSON Schema exporter
 * support, until the event schemas land: structs with optional keys, records keyed by grammar
 * strings, tuples with optional and rest elements, recursive trees, tagged and `oneOf` unions,
 * classes, transformations.
 */
import { Schema, SchemaGetter } from "effect";
import { RoomId, ServerName, UserId } from "../../src/identifiers/index.ts";

/** A tree of integers: recursion through an array (a Suspend node). */
export interface Tree {
  readonly value: number;
  readonly children: ReadonlyArray<Tree>;
}

/** {@link Tree} as a schema. */
export const Tree: Schema.Codec<Tree> = Schema.Struct({
  value: Schema.Int,
  children: Schema.Array(Schema.suspend((): Schema.Codec<Tree> => Tree)),
}).annotate({ identifier: "Tree", description: "A tree of integers." });

/** A linked list: recursion through an optional key. */
export interface Chain {
  readonly id: string;
  readonly next?: Chain;
}

/** {@link Chain} as a schema. */
export const Chain: Schema.Codec<Chain> = Schema.Struct({
  id: Schema.Literals(["a", "b"]),
  next: Schema.optionalKey(Schema.suspend((): Schema.Codec<Chain> => Chain)),
}).annotate({ identifier: "Chain" });

/** An event-like struct: most node kinds on one object. */
export const Profile = Schema.Struct({
  kind: Schema.Literal("m.profile"),
  owner: UserId,
  rooms: Schema.Array(RoomId).pipe(Schema.check(Schema.isMaxLength(4))),
  servers: Schema.Array(ServerName).pipe(Schema.check(Schema.isMinLength(1))),
  version: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 12 }))),
  score: Schema.Finite.pipe(Schema.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(100))),
  public: Schema.Boolean,
  topic: Schema.optionalKey(Schema.NullOr(Schema.Literals(["news", "chat", "ops"]))),
  power_levels: Schema.Record(
    UserId,
    Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 100 }))),
  ),
  position: Schema.Tuple([Schema.Int, Schema.optionalKey(Schema.Int)]),
  tags: Schema.Array(Schema.Literals(["a", "b", "c"])).pipe(Schema.check(Schema.isUnique())),
  nested: Schema.optionalKey(Schema.Struct({ server: ServerName, note: Schema.optional(Schema.Boolean) })),
}).annotate({ identifier: "Profile", description: "A made-up profile event." });

/** A tagged union, as event content is. */
export const Membership = Schema.Union([
  Schema.TaggedStruct("join", { user: UserId }),
  Schema.TaggedStruct("leave", { user: UserId, reason: Schema.optionalKey(Schema.Literal("kicked")) }),
  Schema.TaggedStruct("ban", { user: UserId, until: Schema.NullOr(Schema.Int) }),
]);

/** A `oneOf` union whose members overlap: values matching both are invalid. */
export const ExactlyOne = Schema.Union([Schema.Literals(["x", "y"]), Schema.Literals(["y", "z"])], {
  mode: "oneOf",
});

/** A class: a Declaration whose encoding is a struct. */
export class Invite extends Schema.Class<Invite>("Invite")({ room: RoomId, invitee: UserId }) {}

/** A transformation whose Type side is looser than what decodes (see toArbitrary's docs). */
export const ServerParts = ServerName.pipe(
  Schema.decodeTo(Schema.Struct({ host: Schema.String, port: Schema.optionalKey(Schema.String) }), {
    decode: SchemaGetter.transform((name: string) => {
      const colon = name.indexOf(":");
      return colon < 0 ? { host: name } : { host: name.slice(0, colon), port: name.slice(colon + 1) };
    }),
    encode: SchemaGetter.transform(
      (parts: { readonly host: string; readonly port?: string }) =>
        (parts.port === undefined ? parts.host : `${parts.host}:${parts.port}`) as ServerName,
    ),
  }),
);

/** A record keyed by plain strings next to a declared property it also constrains. */
export const Counters = Schema.StructWithRest(Schema.Struct({ total: Schema.Int }), [
  Schema.Record(Schema.String, Schema.Int),
]);

/** Plain strings with lengths: Effect counts UTF-16 units, JSON Schema code points. */
export const Label = Schema.String.pipe(Schema.check(Schema.isMinLength(2), Schema.isMaxLength(6)));

/** A template literal (exported to JSON Schema as a plain string). */
export const Ticket = Schema.TemplateLiteral(["T-", Schema.Int]);

/**
 * A custom check that tells generators and exporters its shape through Effect's own annotation
 * keys: `arbitraryConstraint.patterns` (a generation hint) and `toJsonSchema`.
 */
export const Base64Triplet = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => (/^[A-Za-z0-9+/]{4}$/.test(s) ? undefined : "not 4 base64 characters"), {
      expected: "base64 of 3 octets",
      arbitraryConstraint: { patterns: [{ source: "^[A-Za-z0-9+/]{4}$", flags: "" }] },
      toJsonSchema: () => ({ pattern: "^[A-Za-z0-9+/]{4}$" }),
    }),
  ),
);

/** Synthetic schemas by name, for the generic tests. */
export const syntheticSchemas: Readonly<Record<string, Schema.Top>> = {
  Tree,
  Chain,
  Profile,
  Membership,
  ExactlyOne,
  Invite,
  ServerParts,
  Counters,
  Label,
  Ticket,
  Base64Triplet,
};
