import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_INPUT_BYTES, decodeDraftInput, firstInvalidUtf8 } from "../../src/input/decode.ts";

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

  it("names UTF-16 without a byte order mark, and UTF-32, instead of calling them binary", () => {
    const utf16le = Uint8Array.from([..."# Title\n\nText"].flatMap((c) => [c.charCodeAt(0), 0]));
    const le = decodeDraftInput(utf16le);
    expect(le.ok === false && le.error).toMatchObject({ code: "input-invalid-utf8" });
    expect(le.ok === false && le.error.message).toContain("UTF-16LE");
    const utf16be = Uint8Array.from([..."# Title\n\nText"].flatMap((c) => [0, c.charCodeAt(0)]));
    const be = decodeDraftInput(utf16be);
    expect(be.ok === false && be.error.message).toContain("UTF-16BE");
    const utf32 = decodeDraftInput(Uint8Array.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]));
    expect(utf32.ok === false && utf32.error.message).toContain("UTF-32LE");
    expect(utf32.ok === false && utf32.error.hint).toContain("iconv -f UTF-32LE -t UTF-8");
  });

  it("refuses more than 16 MiB by default, and what the caller allows", () => {
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(16 * 1024 * 1024);
    const r = decodeDraftInput(new Uint8Array(101).fill(0x61), { maxBytes: 100 });
    expect(r.ok === false && r.error).toMatchObject({ code: "input-too-large", line: 1, column: 1 });
    expect(decodeDraftInput(new Uint8Array(100).fill(0x61), { maxBytes: 100 }).ok).toBe(true);
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
