import { Exit, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toArbitrary, toEncodedArbitrary } from "../../src/arbitrary/to-arbitrary.ts";
import {
  DEFAULT_SERVER_NAME_IP_LITERALS,
  ipLiteralProblem,
  SERVER_NAME_IP_LITERALS_OPTION,
  ServerName,
  StrictServerName,
  serverNameSchemaFor,
  serverPartIpLiteralProblem,
} from "../../src/identifiers/index.ts";
import { jsonSchemaOf } from "../../src/json-schema/to-json-schema.ts";
import { REQUIREMENTS } from "../../src/requirements/registry.ts";
import { schemasByName } from "../../src/schemas.ts";
import { applyEdit, asJson, stringEditArbitrary } from "../json-schema/near-miss.ts";
import { compileJsonSchema } from "../support/registered-schemas.ts";

const accepts = (schema: Schema.Top) => {
  const decode = Schema.decodeUnknownExit(schema as unknown as Schema.Codec<unknown, unknown>);
  return (value: unknown) => Exit.isSuccess(decode(value));
};
const grammatical = accepts(ServerName);
const strict = accepts(StrictServerName);

describe("the two readings of IP literals in server names", () => {
  it("ServerName follows the grammar, which accepts IPv4 literals; StrictServerName follows LM's prose", () => {
    for (const name of ["1.2.3.4", "1.2.3.4:8448", "999.0.0.1", "10.0.0.1"]) {
      expect(grammatical(name), name).toBe(true);
      expect(strict(name), name).toBe(false);
    }
    for (const name of ["example.org", "1.2.3", "1.2.3.4.5", "1.2.3.a", "1234.1.1.1", "127.1", "a1.2.3.4"]) {
      expect(grammatical(name), name).toBe(true);
      expect(strict(name), name).toBe(true);
    }
    // Neither reading gets past the grammar: no brackets, so no IPv6 literal at all.
    expect(grammatical("[::1]")).toBe(false);
    expect(strict("[::1]")).toBe(false);
  });

  it("says why, naming the host and the profile option", () => {
    expect(ipLiteralProblem("10.0.0.1:80")).toBe(
      "10.0.0.1 is an IPv4 literal; LM forbids IP literals as server names (profile option id.server-name-ip-literals = forbid)",
    );
    expect(serverPartIpLiteralProblem("@alice:10.0.0.1")).toMatch(/^10\.0\.0\.1 is an IPv4 literal/);
    expect(serverPartIpLiteralProblem("@alice:example.org")).toBeUndefined();
  });

  it("are chosen by the profile option the registry defines, forbid by default", () => {
    const entry = REQUIREMENTS.find((e) => e.profileOption?.name === SERVER_NAME_IP_LITERALS_OPTION);
    expect(entry?.profileOption?.default).toBe(DEFAULT_SERVER_NAME_IP_LITERALS);
    expect(entry?.profileOption?.choices.map((c) => c.value).sort()).toEqual(["allow", "forbid"]);
    expect(serverNameSchemaFor("allow")).toBe(ServerName);
    expect(serverNameSchemaFor("forbid")).toBe(StrictServerName);
  });

  it("StrictServerName round-trips generated values, which are never IP literals", () => {
    const encode = Schema.encodeUnknownSync(StrictServerName);
    const decode = Schema.decodeUnknownSync(StrictServerName);
    fc.assert(
      fc.property(toArbitrary(StrictServerName), (name) => {
        expect(ipLiteralProblem(name)).toBeUndefined();
        expect(decode(encode(name))).toBe(name);
      }),
    );
  });

  it("is registered by name, and ajv on its registered JSON Schema agrees with Effect on the named samples", () => {
    expect(schemasByName.StrictServerName).toBe(StrictServerName);
    const validate = compileJsonSchema(jsonSchemaOf(schemasByName.StrictServerName as Schema.Top).document);
    const samples: ReadonlyArray<[string, boolean]> = [
      ["1.2.3.4", false],
      ["1.2.3.4:80", false],
      ["999.1.1.1", false],
      ["127.1", true],
      ["example.org", true],
      ["example.org:8448", true],
      ["1.2.3.4.5", true],
      ["[::1]", false],
      ["example.org:0", false],
    ];
    for (const [name, expected] of samples) {
      expect(strict(name), name).toBe(expected);
      expect(validate(name), name).toBe(expected);
    }
  });

  it("StrictServerName's JSON Schema is exact: ajv agrees on generated names, IPv4 literals and near misses", () => {
    const { document, approximations } = jsonSchemaOf(StrictServerName);
    expect(approximations).toEqual([]);
    const validate = compileJsonSchema(document);
    const octet = fc.integer({ min: 0, max: 999 }).map(String);
    const literal = fc
      .tuple(octet, octet, octet, octet, fc.option(fc.integer({ min: 0, max: 99999 }), { nil: undefined }))
      .map(([a, b, c, d, port]) => `${a}.${b}.${c}.${d}${port === undefined ? "" : `:${port}`}`);
    const names = fc.oneof(toEncodedArbitrary(StrictServerName) as fc.Arbitrary<string>, literal);
    const verdicts = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(names, stringEditArbitrary, (name, edit) => {
        for (const value of [name, applyEdit(name, edit)]) {
          const json = asJson(value);
          const verdict = strict(json);
          expect(validate(json), String(value)).toBe(verdict);
          verdicts[verdict ? "accepted" : "rejected"]++;
        }
      }),
      { numRuns: 1000 },
    );
    expect(verdicts.accepted).toBeGreaterThan(300);
    expect(verdicts.rejected).toBeGreaterThan(300);
  });
});
