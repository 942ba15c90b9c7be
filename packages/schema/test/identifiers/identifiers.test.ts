import { Result, Schema, SchemaIssue } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRoomId, isServerName, isUserId } from "../../src/generated/identifiers.grammar.ts";
import {
  RoomId,
  RoomIdFromString,
  roomIdArbitrary,
  ServerName,
  serverNameArbitrary,
  UserId,
  UserIdFromString,
  userIdArbitrary,
} from "../../src/index.ts";

const format = SchemaIssue.makeFormatterStandardSchemaV1();
function messages(schema: Schema.Codec<unknown, unknown>, value: unknown): string[] {
  const r = Schema.decodeUnknownResult(schema)(value);
  return Result.isSuccess(r) ? [] : format(r.failure.issue).issues.map((i) => i.message);
}

describe("UserId", () => {
  it("accepts the draft's examples", () => {
    for (const id of ["@alice:example.org", "@watch/for/slashes:example.org", "@a:example.org:5678"]) {
      expect(messages(UserId, id), id).toEqual([]);
    }
  });

  it("rejects an upper-case localpart, naming the character and its column", () => {
    expect(messages(UserId, "@Alice:example.org")).toEqual([
      `not a valid user_id: unexpected 'A' (U+0041) at column 2 in user_id_char; expected "+" / "-" / "." / "/" / "0"-"9" / "=" / "_" / "a"-"z"`,
    ]);
  });

  it("rejects more than 255 characters, a port out of range, and non-strings", () => {
    expect(messages(UserId, `@${"a".repeat(250)}:example.org`)).toEqual([
      "user_id is 263 characters long; at most 255 are allowed",
    ]);
    expect(messages(UserId, "@a:example.org:0")).toEqual(["port 0 is outside 1-65535"]);
    expect(messages(UserId, "@a:example.org:65536")).toEqual(["port 65536 is outside 1-65535"]);
    expect(messages(UserId, 42)).toHaveLength(1);
  });

  it("decodes into its localpart and server, and encodes back to the same string", () => {
    expect(Schema.decodeUnknownSync(UserIdFromString)("@bob:example.org:8448")).toEqual({
      localpart: "bob",
      server: "example.org:8448",
    });
    fc.assert(
      fc.property(userIdArbitrary(), (id) => {
        const parts = Schema.decodeUnknownSync(UserIdFromString)(id);
        expect(Schema.encodeSync(UserIdFromString)(parts)).toBe(id);
      }),
    );
  });
});

describe("RoomId", () => {
  it("accepts upper case in the opaque localpart and round-trips", () => {
    expect(messages(RoomId, "!cEXuEjziVcCzbxbqmN:example.org")).toEqual([]);
    fc.assert(
      fc.property(roomIdArbitrary(), (id) => {
        expect(Schema.encodeSync(RoomIdFromString)(Schema.decodeUnknownSync(RoomIdFromString)(id))).toBe(id);
      }),
    );
  });
});

/** Strings near the grammar: identifier-ish characters, plus generated valid IDs with one edit. */
const nearIdentifier = fc.oneof(
  fc.stringMatching(/^[@!]?[a-zA-Z0-9:._~=+/-]{0,12}$/),
  fc.tuple(userIdArbitrary(), fc.nat(), fc.constantFrom("A", ":", "", " ", "@", "😀")).map(([id, at, c]) => {
    const i = at % (id.length + 1);
    return id.slice(0, i) + c + id.slice(i + 1);
  }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

function portOk(id: string): boolean {
  const server = id.slice(id.indexOf(":") + 1);
  const colon = server.indexOf(":");
  if (colon < 0) return true;
  const port = Number(server.slice(colon + 1));
  return port >= 1 && port <= 65535;
}

describe("schemas and generated parsers agree", () => {
  it.each([
    ["UserId", UserId, isUserId],
    ["RoomId", RoomId, isRoomId],
  ] as const)(
    "%s accepts exactly what the parser accepts within 255 characters and a valid port",
    (_name, schema, parse) => {
      const accepts = Schema.is(schema);
      fc.assert(
        fc.property(fc.oneof(nearIdentifier, userIdArbitrary(), roomIdArbitrary()), (s) => {
          expect(accepts(s)).toBe(parse(s) && s.length <= 255 && portOk(s));
        }),
        { numRuns: 2000 },
      );
    },
  );

  it("ServerName accepts exactly what server_name accepts with a valid port", () => {
    const accepts = Schema.is(ServerName);
    fc.assert(
      fc.property(fc.oneof(serverNameArbitrary, fc.stringMatching(/^[a-z0-9.:-]{0,10}$/)), (s) => {
        expect(accepts(s)).toBe(isServerName(s) && s.length <= 255 && portOk(`x:${s}`));
      }),
      { numRuns: 1000 },
    );
  });
});
