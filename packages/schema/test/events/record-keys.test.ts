import { Schema, type SchemaAST } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filtersOf } from "../../src/arbitrary/checks.ts";
import { keyIssues, keyTestOf, validKeys } from "../../src/events/record-keys.ts";
import { ServerSignatures, Signatures } from "../../src/events/signatures.ts";
import { UserId } from "../../src/identifiers/user-id.ts";
import { problems } from "./support.ts";

describe("record keys", () => {
  it("reports each bad key at its own path", () => {
    const problem = (key: string) => (key.startsWith("@") ? undefined : "no @");
    expect(keyIssues({ "@a": 1, b: 2, c: 3 }, problem, "user ID")).toEqual([
      { path: ["b"], issue: "the key is not a valid user ID: no @" },
      { path: ["c"], issue: "the key is not a valid user ID: no @" },
    ]);
  });

  it("as a filter, keeps the keys Effect's refined-key Record would silently drop", () => {
    const Users = Schema.Record(Schema.String, Schema.Number).pipe(
      Schema.check(validKeys(UserId, "user ID")),
    );
    expect(problems(Users, { "@a:x": 1 })).toEqual([]);
    expect(problems(Users, { "@a:x": 1, bob: 2 })).toEqual([
      {
        path: ["bob"],
        message: `the key is not a valid user ID: not a valid user_id: unexpected 'b' (U+0062) at column 1 in user_id; expected "@"`,
      },
    ]);
  });

  it("exposes each filter's key test: a record passes exactly when every key does", () => {
    const [filter] = filtersOf(Signatures.ast);
    const test = filter === undefined ? undefined : keyTestOf(filter);
    expect(test).toBeDefined();
    expect(keyTestOf(Schema.isPattern(/x/u) as SchemaAST.Filter<unknown>)).toBeUndefined();
    for (const schema of [Signatures, ServerSignatures])
      for (const f of filtersOf(schema.ast)) expect(keyTestOf(f)).toBeDefined();
    const key = fc.oneof(
      fc.constantFrom("example.org", "a.b:8448", "ed25519:1", "__proto__", "", "x:99999"),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 4 }), (keys) => {
        const record = Object.fromEntries(keys.map((k) => [k, {}]));
        const passes = filter?.run(record, Signatures.ast, {}) === undefined;
        expect(passes).toBe(Object.keys(record).every((k) => test?.(k) === true));
      }),
    );
  });

  it("words the message with a given problem function", () => {
    const Lower = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z]+$/u)));
    const Keys = Schema.Record(Schema.String, Schema.Number).pipe(
      Schema.check(validKeys(Lower, "name", (key) => (/^[a-z]+$/.test(key) ? undefined : "not lower case"))),
    );
    expect(problems(Keys, { ab: 1, Cd: 2 })).toEqual([
      { path: ["Cd"], message: "the key is not a valid name: not lower case" },
    ]);
  });
});
