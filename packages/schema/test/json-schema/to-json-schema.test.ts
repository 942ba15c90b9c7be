import { Ajv2020 } from "ajv/dist/2020.js";
import { Exit, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toEncodedArbitrary } from "../../src/arbitrary/to-arbitrary.ts";
import { validKeys } from "../../src/events/record-keys.ts";
import {
  RoomId,
  RoomIdFromString,
  ServerName,
  UserId,
  UserIdFromString,
} from "../../src/identifiers/index.ts";
import { JsonSchemaError, jsonSchemaOf, toJsonSchema } from "../../src/json-schema/to-json-schema.ts";
import { schemasByName } from "../../src/schemas.ts";
import {
  Counters,
  ExactlyOne,
  Label,
  Profile,
  syntheticSchemas,
  Ticket,
  Tree,
} from "../arbitrary/synthetic-schemas.ts";
import { applyEdit, asJson, editArbitrary } from "./near-miss.ts";

/**
 * Draft 2020-12 in strict mode. `strictTuples` is off because a tuple with optional elements
 * (`minItems` below the `prefixItems` length) is exactly what it warns about.
 */
function compile(document: object) {
  const ajv = new Ajv2020({ strict: true, strictTuples: false, allErrors: false });
  return ajv.compile(document);
}

function decodes(schema: Schema.Top): (value: unknown) => boolean {
  const decode = Schema.decodeUnknownExit(schema as unknown as Schema.Codec<unknown, unknown>);
  return (value) => Exit.isSuccess(decode(value));
}

// Every registered schema (`schemasByName`) is compared with ajv in test/schemas/; here the
// synthetic ones, and the identifiers, whose exactness is pinned.
const identifiers = { ServerName, UserId, RoomId, UserIdFromString, RoomIdFromString };

/** The schemas whose document is knowingly looser, and why. */
const EXPECTED_APPROXIMATIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  Label: [
    "$: a value with a length of at least 2: exported looser than Effect checks it",
    "$: a value with a length of at most 6: exported looser than Effect checks it",
  ],
  Ticket: ["$: template literal: only its string type is exported"],
};

describe("toJsonSchema agrees with Effect", () => {
  for (const [name, schema] of Object.entries(identifiers))
    it(`${name}: is exact`, () => {
      expect(jsonSchemaOf(schema).approximations).toEqual([]);
    });

  for (const [name, schema] of Object.entries(syntheticSchemas)) {
    const { document, approximations } = jsonSchemaOf(schema);
    const exact = approximations.length === 0;

    it(`${name}: is ${exact ? "exact" : "knowingly looser"}`, () => {
      expect(approximations.map((a) => `${a.path}: ${a.reason}`)).toEqual(
        EXPECTED_APPROXIMATIONS[name] ?? [],
      );
    });

    it(`${name}: ajv and Effect agree on generated values and their near misses`, () => {
      const validate = compile(document);
      const effect = decodes(schema);
      const verdicts = { both: 0, neither: 0 };
      const agree = (value: unknown) => {
        const json = asJson(value);
        const byEffect = effect(json);
        const byAjv = validate(json);
        if (exact) expect(byAjv, JSON.stringify(json)).toBe(byEffect);
        // A looser document must still accept everything Effect accepts.
        else if (byEffect) expect(byAjv, JSON.stringify(json)).toBe(true);
        if (byAjv && byEffect) verdicts.both++;
        if (!byAjv && !byEffect) verdicts.neither++;
      };
      const values = toEncodedArbitrary(schema);
      fc.assert(fc.property(values, agree), { numRuns: 300 });
      fc.assert(
        fc.property(values, editArbitrary, (value, edit) => agree(applyEdit(value, edit))),
        { numRuns: 3000 },
      );
      // Both verdicts occur, so the comparison is not vacuous.
      expect(verdicts.both).toBeGreaterThan(100);
      expect(verdicts.neither).toBeGreaterThan(100);
    });
  }

  it("agrees on every single-character edit of the identifier examples", () => {
    const alphabet = [..."@!:.-_~=/+aZ09 é😀", "\u0000"];
    for (const schema of [UserId, RoomId, ServerName] as Schema.Top[]) {
      const validate = compile(toJsonSchema(schema));
      const effect = decodes(schema);
      const examples = ["@alice:example.org:65535", "!r:a.b:00080", "example.org:5678", "@x:y:65536", "a"];
      for (const example of examples) {
        const chars = [...example];
        const edits = new Set<string>();
        for (let i = 0; i <= chars.length; i++) {
          edits.add([...chars.slice(0, i), ...chars.slice(i + 1)].join(""));
          for (const c of alphabet) {
            edits.add([...chars.slice(0, i), c, ...chars.slice(i)].join(""));
            edits.add([...chars.slice(0, i), c, ...chars.slice(i + 1)].join(""));
          }
        }
        for (const edit of edits) expect(validate(edit), edit).toBe(effect(edit));
      }
    }
  });

  it("agrees on identifiers with ports of one to six digits, and their near misses", () => {
    // Generated identifiers seldom end in a port (the automaton walk rarely takes the option).
    const port = fc.stringMatching(/^[0-9]{1,6}$/);
    for (const schema of [UserId, RoomId, ServerName] as Schema.Top[]) {
      const validate = compile(toJsonSchema(schema));
      const effect = decodes(schema);
      const withPort = fc
        .tuple(toEncodedArbitrary(schema) as fc.Arbitrary<string>, port)
        .map(([id, p]) => `${id.replace(/:[0-9]+$/, "")}:${p}`);
      fc.assert(
        fc.property(withPort, editArbitrary, (id, edit) => {
          for (const value of [id, applyEdit(id, edit)])
            expect(validate(value), String(value)).toBe(effect(value));
        }),
        { numRuns: 2000 },
      );
    }
  });

  it("agrees on the length cap and the port range", () => {
    const validate = compile(toJsonSchema(UserId));
    const effect = decodes(UserId);
    for (const id of [
      `@${"a".repeat(241)}:example.org`, // 255 characters
      `@${"a".repeat(242)}:example.org`, // 256
      "@a:b:1",
      "@a:b:0",
      "@a:b:00000",
      "@a:b:00001",
      "@a:b:000001",
      "@a:b:65535",
      "@a:b:65536",
      "@a:b:99999",
      "@a:0",
      "@a:b:",
    ])
      expect(validate(id), id).toBe(effect(id));
  });
});

describe("the documents", () => {
  it("describe identifiers with the grammar pattern, the length cap and the annotations", () => {
    const document = toJsonSchema(UserId);
    expect(document).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "UserId",
      type: "string",
      maxLength: 255,
      examples: ["@alice:example.org", "@watch/for/slashes:example.org"],
    });
    expect(document.description).toMatch(/^A MIMI user ID/);
    expect(document.pattern).toMatch(/^\^@\[\+\\--9=_a-z\]\+:\[\\-\.0-9A-Za-z\]\{1,255\}/);
  });

  it("describe a transformation by its Encoded side", () => {
    expect(toJsonSchema(UserIdFromString)).toEqual(toJsonSchema(UserId));
  });

  it("share identified schemas through $defs and describe recursion with $ref", () => {
    const profile = toJsonSchema(Profile) as {
      properties: Record<string, unknown>;
      $defs: Record<string, unknown>;
    };
    expect(profile.properties.owner).toEqual({ $ref: "#/$defs/UserId" });
    expect(Object.keys(profile.$defs).sort()).toEqual(["RoomId", "ServerName", "UserId"]);
    const tree = toJsonSchema(Tree) as { properties: { children: unknown }; $defs: Record<string, unknown> };
    expect(tree.properties.children).toEqual({ type: "array", items: { $ref: "#/$defs/Tree" } });
    expect(Object.keys(tree.$defs)).toEqual(["Tree"]);
  });

  it("give a schema used both as a required and as an optional field one $defs entry", () => {
    const Pair = Schema.Struct({ home: ServerName, away: Schema.optionalKey(ServerName) });
    const pair = toJsonSchema(Pair) as {
      properties: Record<string, unknown>;
      $defs: Record<string, unknown>;
    };
    expect(Object.keys(pair.$defs)).toEqual(["ServerName"]);
    expect(pair.properties.away).toEqual({ $ref: "#/$defs/ServerName" });
    // Two different schemas that share an identifier still get a definition each.
    const Other = Schema.String.pipe(Schema.annotate({ identifier: "ServerName" }));
    const clash = toJsonSchema(Schema.Struct({ a: ServerName, b: Other })) as {
      $defs: Record<string, unknown>;
    };
    expect(Object.keys(clash.$defs)).toEqual(["ServerName", "ServerName2"]);
  });

  it("keep a record's value schema on declared properties its keys select", () => {
    const validate = compile(toJsonSchema(Counters));
    expect(validate({ total: 2, a: 1 })).toBe(true);
    expect(validate({ total: 2, a: "x" })).toBe(false);
    expect(decodes(Counters)({ total: 2, a: "x" })).toBe(false);
  });

  it("give a check the documents of the schemas its representation names", () => {
    const ByUser = Schema.Record(Schema.String, Schema.Number).pipe(
      Schema.check(validKeys(UserId, "user ID")),
    );
    const { document, approximations } = jsonSchemaOf(ByUser);
    expect(approximations).toEqual([]);
    expect(document.propertyNames).toEqual({ $ref: "#/$defs/UserId" });
    const validate = compile(document);
    expect(validate({ "@a:b": 1 })).toBe(true);
    expect(validate({ bob: 1 })).toBe(false);
  });

  it("keep `oneOf` when every member is exact", () => {
    const validate = compile(toJsonSchema(ExactlyOne));
    expect(["x", "y", "z"].map((v) => validate(v))).toEqual([true, false, true]);
  });

  it("are looser, never stricter, where JSON Schema cannot say what Effect checks", () => {
    // Effect counts UTF-16 units: "😀" is 2 long, so a valid Label; a 3-emoji string is 6.
    const validate = compile(toJsonSchema(Label));
    expect(decodes(Label)("😀😀😀😀")).toBe(false);
    expect(validate("😀😀😀😀")).toBe(true);
    expect(compile(toJsonSchema(Ticket))("T-x")).toBe(true);
  });

  it("reject schemas with no JSON form, naming the node and the path", () => {
    expect(() => toJsonSchema(Schema.Struct({ n: Schema.BigInt }))).toThrow(JsonSchemaError);
    expect(() => toJsonSchema(Schema.Struct({ n: Schema.BigInt }))).toThrow(/BigInt at \$\.n/);
    expect(() => toJsonSchema(Schema.Struct({ d: Schema.Date }))).toThrow(/Declaration at \$\.d/);
  });

  it("are deterministic", () => {
    for (const schema of [...Object.values(schemasByName), ...Object.values(syntheticSchemas)])
      expect(JSON.stringify(toJsonSchema(schema))).toBe(JSON.stringify(toJsonSchema(schema)));
  });

  it("differ from Effect's own export, which drops the grammar and halves minimum lengths", () => {
    const effects = (schema: Schema.Top) =>
      Schema.toStandardJSONSchemaV1(schema as Schema.Codec<unknown, unknown>)["~standard"].jsonSchema.input({
        target: "draft-2020-12",
      });
    expect(JSON.stringify(effects(UserId))).not.toContain("pattern");
    expect(JSON.stringify(effects(Label))).toContain('"minLength":1');
  });
});
