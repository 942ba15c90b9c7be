import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64DecodedLength,
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  isBase64OfLength,
} from "../../src/canonical/base64.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

describe("unpadded base64", () => {
  // matrix-org/matrix-spec, content/appendices.md, "Unpadded Base64" examples.
  const MATRIX_EXAMPLES: ReadonlyArray<readonly [string, string]> = [
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ];

  it.each(MATRIX_EXAMPLES)("encodes %j as %j and decodes it back", (plain, encoded) => {
    expect(encodeBase64(ascii(plain))).toBe(encoded);
    expect(decodeBase64(encoded)).toEqual({ ok: true, value: ascii(plain) });
  });

  it("accepts padded input too (LM and Matrix: implementations SHOULD)", () => {
    expect(decodeBase64("Zg==")).toEqual({ ok: true, value: ascii("f") });
    expect(decodeBase64("Zm8=")).toEqual({ ok: true, value: ascii("fo") });
    expect(decodeBase64Url("_-8=")).toEqual({ ok: true, value: Uint8Array.from([0xff, 0xef]) });
  });

  it("uses - and _ in the URL-safe alphabet, + and / in the standard one", () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf]);
    expect(encodeBase64(bytes)).toBe("+/+/");
    expect(encodeBase64Url(bytes)).toBe("-_-_");
  });

  it("encodes a Uint8Array view without leaking the rest of its buffer", () => {
    const view = new Uint8Array(Uint8Array.from([1, 2, 3, 4, 5]).buffer, 1, 2);
    expect(encodeBase64(view)).toBe(Buffer.from([2, 3]).toString("base64").replace(/=+$/, ""));
  });

  it("rejects characters of the other alphabet with a hint and the offset", () => {
    expect(decodeBase64("ab-d")).toMatchObject({
      ok: false,
      error: { code: "invalid-character", offset: 2, message: expect.stringContaining("url alphabet") },
    });
    expect(decodeBase64Url("ab+d")).toMatchObject({
      ok: false,
      error: { code: "invalid-character", offset: 2 },
    });
    expect(decodeBase64("Zm 9v")).toMatchObject({
      ok: false,
      error: { code: "invalid-character", offset: 2 },
    });
  });

  it("rejects impossible lengths, misplaced padding and non-canonical trailing bits", () => {
    expect(decodeBase64("Zm9vY")).toMatchObject({ ok: false, error: { code: "invalid-length", offset: 4 } });
    expect(decodeBase64("Zg=")).toMatchObject({ ok: false, error: { code: "invalid-padding" } });
    expect(decodeBase64("Zg===")).toMatchObject({ ok: false, error: { code: "invalid-padding" } });
    expect(decodeBase64("Zm9v=")).toMatchObject({ ok: false, error: { code: "invalid-padding" } });
    expect(decodeBase64("Z=g=")).toMatchObject({ ok: false, error: { code: "invalid-padding", offset: 1 } });
  });

  it("ignores non-zero trailing bits by default (the Matrix seed has them) and rejects them on request", () => {
    const strict = { requireCanonical: true } as const;
    const seed = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1";
    const canonicalSeed = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0";
    expect(decodeBase64(seed, strict)).toMatchObject({
      ok: false,
      error: { code: "non-canonical", offset: 42 },
    });
    const lenient = decodeBase64(seed);
    expect(lenient.ok).toBe(true);
    expect(lenient).toEqual(decodeBase64(canonicalSeed, strict));
    expect(decodeBase64("Zh")).toEqual({ ok: true, value: ascii("f") });
    expect(decodeBase64("Zh", strict)).toMatchObject({
      ok: false,
      error: { code: "non-canonical", offset: 1 },
    });
    expect(decodeBase64("Zm9=", strict)).toMatchObject({ ok: false, error: { code: "non-canonical" } });
    expect(decodeBase64("Zm8", strict).ok).toBe(true);
  });

  it("round-trips any bytes in both alphabets, padded or not, and matches Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const standard = encodeBase64(bytes);
        const url = encodeBase64Url(bytes);
        expect(standard).toBe(Buffer.from(bytes).toString("base64").replace(/=+$/, ""));
        expect(standard.includes("=") || url.includes("=")).toBe(false);
        expect(decodeBase64(standard)).toEqual({ ok: true, value: bytes });
        expect(decodeBase64Url(url)).toEqual({ ok: true, value: bytes });
        expect(decodeBase64(Buffer.from(bytes).toString("base64"))).toEqual({ ok: true, value: bytes });
      }),
    );
  });

  it("never throws and, when canonical input is required, decodes only strings that re-encode to themselves", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."AZaz09+/-_= \n") }), (text) => {
        expect(() => decodeBase64(text)).not.toThrow();
        const decoded = decodeBase64(text, { requireCanonical: true });
        if (decoded.ok) expect(encodeBase64(decoded.value)).toBe(text.replace(/=+$/, ""));
      }),
      { numRuns: 3000 },
    );
  });

  it("base64DecodedLength and isBase64OfLength agree with decodeBase64 without decoding", () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(..."AQgw048Zz9+/-_=é"), maxLength: 12 }),
      fc.uint8Array({ maxLength: 9 }).map((b) => Buffer.from(b).toString("base64")),
    );
    fc.assert(
      fc.property(text, fc.nat(9), fc.boolean(), fc.boolean(), (t, octets, url, canonical) => {
        const options = {
          alphabet: url ? ("url" as const) : ("standard" as const),
          requireCanonical: canonical,
        };
        const decoded = decodeBase64(t, options);
        const length = base64DecodedLength(t, options);
        expect(length.ok).toBe(decoded.ok);
        if (decoded.ok && length.ok) expect(length.value).toBe(decoded.value.length);
        if (!decoded.ok && !length.ok) expect(length.error).toEqual(decoded.error);
        expect(isBase64OfLength(t, octets, options)).toBe(decoded.ok && decoded.value.length === octets);
      }),
      { numRuns: 3000 },
    );
  });
});
