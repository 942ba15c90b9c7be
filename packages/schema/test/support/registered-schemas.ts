/**
 * The properties every registered schema (`schemasByName`) must have, checked in a few test files
 * (`test/schemas/every-schema-*.test.ts`) that each take a share of the schemas, so that no one
 * file runs long. The shares partition the sorted names, so a new schema is always covered.
 *
 * For each schema, on values from the fast-check bridge (no schema is skipped):
 * - decode ∘ encode is the identity on generated Type values, and encode ∘ decode on generated
 *   Encoded values;
 * - ajv, compiled from the exported JSON Schema, gives Effect's verdict on every generated value
 *   and on near misses of it (one small edit each), in both directions; a registered document
 *   may be looser than its schema only where no sample can tell (the byte limit of events).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { Exit, Schema, SchemaAST } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toArbitrary, toEncodedArbitrary } from "../../src/arbitrary/to-arbitrary.ts";
import { jsonSchemaOf } from "../../src/json-schema/to-json-schema.ts";
import { schemasByName } from "../../src/schemas.ts";
import { applyEdit, asJson, editArbitrary } from "../json-schema/near-miss.ts";

/** How many files share the registered schemas. */
export const SHARES = 8;

/** The names of the `share`-th of {@link SHARES} shares (1-based), round-robin over sorted names. */
export function shareOf(share: number): string[] {
  return Object.keys(schemasByName)
    .sort()
    .filter((_, i) => i % SHARES === share - 1);
}

/** ajv in strict mode; `strictTuples` off (optional tuple elements are what it warns about). */
export function compileJsonSchema(document: object) {
  return new Ajv2020({ strict: true, strictTuples: false, allErrors: false }).compile(document);
}

function codecOf(schema: Schema.Top): Schema.Codec<unknown, unknown> {
  return schema as unknown as Schema.Codec<unknown, unknown>;
}

/** The only reason a registered document may be looser: the canonical-JSON byte limit of events. */
const KNOWN_LOOSENESS = /at most 65536 bytes/;

/** Near misses per generated value in the agreement property. */
const EDITS_PER_VALUE = 10;

/** Declares the tests of one share of the registered schemas. */
export function describeRegisteredSchemas(share: number): void {
  describe(`registered schemas, share ${share} of ${SHARES}`, () => {
    for (const name of shareOf(share)) {
      const schema = schemasByName[name] as Schema.Top;
      const codec = codecOf(schema);
      const decodeExit = Schema.decodeUnknownExit(codec);
      const encode = Schema.encodeUnknownSync(codec);
      const decode = Schema.decodeUnknownSync(codec);
      const identity = SchemaAST.toType(schema.ast) === SchemaAST.toEncoded(schema.ast);

      it(`${name}: decode ∘ encode and encode ∘ decode are identities on generated values`, () => {
        const encodedValues = toEncodedArbitrary(schema);
        fc.assert(
          fc.property(encodedValues, (encoded) => {
            const decoded = decodeExit(encoded);
            expect(Exit.isSuccess(decoded), JSON.stringify(encoded)).toBe(true);
            if (!Exit.isSuccess(decoded)) return;
            expect(encode(decoded.value)).toEqual(encoded);
            expect(decode(encode(decoded.value))).toEqual(decoded.value);
          }),
          { numRuns: 100 },
        );
        // A transformation's Type values come from decoding, so check them on their own too.
        if (!identity)
          fc.assert(
            fc.property(toArbitrary(schema), (value) => {
              expect(decode(encode(value))).toEqual(value);
            }),
            { numRuns: 100 },
          );
      });

      it(`${name}: ajv on the exported JSON Schema agrees with Effect on generated values and near misses`, () => {
        const { document, approximations } = jsonSchemaOf(schema);
        for (const a of approximations) expect(`${a.path}: ${a.reason}`).toMatch(KNOWN_LOOSENESS);
        const validate = compileJsonSchema(document);
        const verdicts = { both: 0, neither: 0 };
        const agree = (value: unknown) => {
          const json = asJson(value);
          const byEffect = Exit.isSuccess(decodeExit(json));
          expect(validate(json), JSON.stringify(json)).toBe(byEffect);
          if (byEffect) verdicts.both++;
          else verdicts.neither++;
        };
        fc.assert(
          fc.property(
            toEncodedArbitrary(schema),
            fc.array(editArbitrary, { minLength: EDITS_PER_VALUE, maxLength: EDITS_PER_VALUE }),
            (value, edits) => {
              agree(value);
              for (const edit of edits) agree(applyEdit(value, edit));
            },
          ),
          { numRuns: 150 },
        );
        // Both verdicts occur, so the comparison is not vacuous.
        expect(verdicts.both).toBeGreaterThan(100);
        expect(verdicts.neither).toBeGreaterThan(100);
      });
    }
  });
}
