import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeDraftInput, firstInvalidUtf8 } from "../../src/input/decode.ts";

describe("decodeDraftInput", () => {
  it("drops a UTF-8 byte order mark, so columns match what an editor shows", () => {
    const r = decodeDraftInput(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x62]));
    expect(r).toEqual({ ok: true, text: "ab", warnings: [] });
    expect(decodeDraftInput("\ufeffab")).toEqual({ ok: true, text: "ab", warnings: [] });
  });

  it("refuses UTF-16 with a hint to convert", () => {
    const r = decodeDraftInput(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("input-invalid-utf8");
      expect(r.error.hint).toContain("UTF-8");
    }
  });

  it("reports the line and column of a NUL byte", () => {
    const r = decodeDraftInput(new TextEncoder().encode("ab\ncd\u0000"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "input-binary", line: 2, column: 3 });
  });

  it("refuses a string with an unpaired surrogate, at its position", () => {
    const r = decodeDraftInput("ok\nx\ud800y");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "input-invalid-utf8", line: 2, column: 2 });
  });

  it("warns about U+FFFD, a sign of leniently decoded bytes", () => {
    const r = decodeDraftInput("line one\nbad \ufffd here\n");
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.warnings).toEqual([
        expect.objectContaining({ code: "replacement-character", line: 2, column: 5 }),
      ]);
  });

  it("counts columns in code points after non-BMP characters", () => {
    const bytes = [...new TextEncoder().encode("\u{1F600}\u{1F600}"), 0xff];
    const r = decodeDraftInput(Uint8Array.from(bytes));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ line: 1, column: 3 });
  });
});

describe("firstInvalidUtf8", () => {
  it("agrees with a strict decoder on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        let strictOk = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          strictOk = false;
        }
        expect(bad === bytes.length).toBe(strictOk);
        // Everything before the reported byte is valid UTF-8.
        expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, bad))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts every encoded string, and rejects overlongs, surrogates and values past U+10FFFF", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const bytes = new TextEncoder().encode(s);
        expect(firstInvalidUtf8(bytes)).toBe(bytes.length);
      }),
    );
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // U+110000
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
  });
});
