import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../src/canonical/base64.ts";
import { type Base64Format, base64Pattern, formatBase64 } from "../../src/canonical/base64-format.ts";

/** Text near base64: alphabet characters of both alphabets, padding, and a few strangers. */
const nearBase64 = fc.string({
  unit: fc.constantFrom(..."AEQgw048/+_-=Zz9 é".split("")),
  maxLength: 12,
});

const formats: ReadonlyArray<Base64Format> = [
  {},
  { octets: 0 },
  { octets: 1 },
  { octets: 2 },
  { octets: 3 },
  { octets: 4, canonical: true },
  { octets: 5, alphabet: "url" },
  { octets: 8, alphabet: "url", canonical: true, padding: "forbidden" },
  { alphabet: "url", canonical: true },
  { padding: "forbidden" },
];

function accepts(format: Base64Format, text: string): boolean {
  const decoded = decodeBase64(text, {
    alphabet: format.alphabet ?? "standard",
    requireCanonical: format.canonical === true,
  });
  if (!decoded.ok) return false;
  if (format.padding === "forbidden" && text.includes("=")) return false;
  return format.octets === undefined || decoded.value.length === format.octets;
}

describe("base64Pattern", () => {
  it("accepts exactly what decodeBase64 accepts under the format", () => {
    for (const format of formats) {
      const pattern = new RegExp(base64Pattern(format), "u");
      fc.assert(
        fc.property(nearBase64, (text) => {
          expect(pattern.test(text), `${JSON.stringify(format)} ${text}`).toBe(accepts(format, text));
        }),
        { numRuns: 500 },
      );
    }
  });

  it("writes a SHA-256 hash as 43 characters and an optional '='", () => {
    expect(base64Pattern({ octets: 32 })).toBe("^[+/0-9A-Za-z]{40}[+/0-9A-Za-z]{2}[+/0-9A-Za-z]=?$");
  });
});

describe("formatBase64", () => {
  it("round-trips bytes through decodeBase64, padded or not", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), fc.boolean(), (bytes, url, padded) => {
        const format: Base64Format = { alphabet: url ? "url" : "standard", canonical: true };
        const text = formatBase64(bytes, format, padded);
        expect(text.length % 4 === 0 || !padded).toBe(true);
        expect(new RegExp(base64Pattern({ ...format, octets: bytes.length }), "u").test(text)).toBe(true);
        expect(
          decodeBase64(text, { alphabet: format.alphabet ?? "standard", requireCanonical: true }),
        ).toEqual({
          ok: true,
          value: bytes,
        });
      }),
    );
  });
});
