import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CanonicalProfile, canonicalBytes, canonicalize } from "../../src/canonical/canonical-json.ts";
import type { JsonValue } from "../../src/canonical/json-value.ts";
import { parseJson } from "../../src/canonical/safe-parse.ts";
import { jsonValue, readableDouble, reorderKeys, safeInteger } from "./arbitraries.ts";

const PROFILES: ReadonlyArray<{ profile: CanonicalProfile; values: fc.Arbitrary<JsonValue> }> = [
  { profile: "jcs", values: jsonValue(readableDouble) },
  { profile: "matrix", values: jsonValue(safeInteger) },
];

describe("canonicalize: profiles", () => {
  it("defaults to JCS", () => {
    const value = { "\uFB33": 1, "\u{1F600}": 2 };
    expect(canonicalize(value)).toEqual(canonicalize(value, { profile: "jcs" }));
  });

  it("orders U+1F600 and U+FB33 differently: JCS puts U+1F600 first, Matrix after (MSC4458)", () => {
    const value = { "\uFB33": "dalet", "\u{1F600}": "grin" };
    expect(canonicalize(value, { profile: "jcs" })).toEqual({
      ok: true,
      value: '{"\u{1F600}":"grin","\uFB33":"dalet"}',
    });
    expect(canonicalize(value, { profile: "matrix" })).toEqual({
      ok: true,
      value: '{"\uFB33":"dalet","\u{1F600}":"grin"}',
    });
  });

  it("differs on floats: JCS writes them, Matrix rejects them", () => {
    expect(canonicalize({ x: 4.5 })).toEqual({ ok: true, value: '{"x":4.5}' });
    expect(canonicalize({ x: 4.5 }, { profile: "matrix" })).toMatchObject({
      ok: false,
      error: { code: "float-not-allowed" },
    });
  });

  it("encodes the canonical text as UTF-8 bytes", () => {
    const bytes = canonicalBytes({ a: "日" });
    expect(bytes.ok && Array.from(bytes.value)).toEqual([
      0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe6, 0x97, 0xa5, 0x22, 0x7d,
    ]);
  });

  for (const profile of ["jcs", "matrix"] as const) {
    it(`${profile}: rejects lone surrogates in values and keys with the path`, () => {
      expect(canonicalize({ content: { body: "a\uD800" } }, { profile })).toMatchObject({
        ok: false,
        error: { code: "lone-surrogate", path: "$.content.body" },
      });
      expect(canonicalize({ content: { "k\uDC00": 1 } }, { profile })).toMatchObject({
        ok: false,
        error: { code: "lone-surrogate", path: '$.content["k\\udc00"]' },
      });
    });

    it(`${profile}: passes maxDepth through`, () => {
      expect(canonicalize([[[1]]], { profile, maxDepth: 2 })).toMatchObject({
        ok: false,
        error: { code: "too-deep" },
      });
      expect(canonicalize([[[1]]], { profile, maxDepth: 3 }).ok).toBe(true);
    });
  }
});

describe("canonicalize: properties", () => {
  for (const { profile, values } of PROFILES) {
    it(`${profile}: parse ∘ canonicalize is a fixed point (idempotent)`, () => {
      fc.assert(
        fc.property(values, (value) => {
          const once = canonicalize(value, { profile });
          expect(once.ok).toBe(true);
          if (!once.ok) return;
          const reread = parseJson(once.value);
          expect(reread.ok).toBe(true);
          if (reread.ok) expect(canonicalize(reread.value, { profile })).toEqual(once);
        }),
      );
    });

    it(`${profile}: the output does not depend on key insertion order`, () => {
      fc.assert(
        fc.property(values, fc.integer(), (value, seed) => {
          const shuffle = (keys: string[]): string[] => {
            const out = [...keys];
            let s = seed;
            for (let i = out.length - 1; i > 0; i--) {
              s = (s * 1103515245 + 12345) & 0x7fffffff;
              const j = s % (i + 1);
              [out[i], out[j]] = [out[j] as string, out[i] as string];
            }
            return out;
          };
          expect(canonicalize(reorderKeys(value, shuffle), { profile })).toEqual(
            canonicalize(value, { profile }),
          );
          expect(
            canonicalize(
              reorderKeys(value, (k) => [...k].reverse()),
              { profile },
            ),
          ).toEqual(canonicalize(value, { profile }));
        }),
      );
    });
  }

  it("both profiles agree whenever keys are BMP-only and numbers are safe integers", () => {
    const bmpOnly = (v: JsonValue): boolean => !/[\uD800-\uDFFF]/.test(JSON.stringify(v));
    fc.assert(
      fc.property(jsonValue(safeInteger).filter(bmpOnly), (value) => {
        expect(canonicalize(value, { profile: "matrix" })).toEqual(canonicalize(value, { profile: "jcs" }));
      }),
    );
  });
});
