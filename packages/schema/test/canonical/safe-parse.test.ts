import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonError } from "../../src/canonical/json-error.ts";
import type { JsonValue } from "../../src/canonical/json-value.ts";
import { jsonEquals } from "../../src/canonical/json-value.ts";
import { firstInvalidUtf8Offset, parseJson, parseJsonBytes } from "../../src/canonical/safe-parse.ts";
import { jsonValue, printsAsSafeNumber, readableDouble } from "./arbitraries.ts";

function parsed(text: string): JsonValue {
  const result = parseJson(text);
  if (!result.ok) throw new Error(`unexpected parse error: ${JSON.stringify(result.error)}`);
  return result.value;
}

function failure(text: string, options = {}): JsonError {
  const result = parseJson(text, options);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text.slice(0, 40))} to be rejected`);
  return result.error;
}

describe("parseJson: valid input", () => {
  it("reads every kind of value", () => {
    expect(parsed(' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\ud83d\\ude00"], "b": {}} ')).toEqual({
      a: [1, -2500, true, false, null, "x\né😀"],
      b: {},
    });
  });

  it("accepts all four JSON whitespace characters and nothing else", () => {
    expect(parsed("\t\r\n [ 1 ,\r\n2 ] \n")).toEqual([1, 2]);
    expect(failure("\u00a0[1]").code).toBe("unexpected-character");
  });

  it("reads -0 as negative zero and 1e-400 as zero", () => {
    expect(Object.is(parsed("-0"), -0)).toBe(true);
    expect(parsed("1e-400")).toBe(0);
  });

  it("accepts the safe-integer bounds and integers written as floats", () => {
    expect(parsed("[9007199254740991, -9007199254740991, 1e10, 1E30]")).toEqual([
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      1e10,
      1e30,
    ]);
  });

  it("combines an escaped high surrogate with an escaped low one", () => {
    expect(parsed('"\\uD83D\\uDE00"')).toBe("\u{1F600}");
  });
});

describe("parseJson: prototype safety", () => {
  it("stores __proto__ and constructor as own data and pollutes nothing", () => {
    const value = parsed(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    );
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value as object)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("treats __proto__ like any other key when checking duplicates", () => {
    expect(failure('{"__proto__": 1, "__proto__": 2}')).toMatchObject({
      code: "duplicate-key",
      path: "$.__proto__",
    });
  });
});

describe("parseJson: errors carry code, path and position", () => {
  it("reports a lone escaped surrogate at its position with the JSON path", () => {
    const text = '{\n  "content": {\n    "body": "hi \\ud800 there"\n  }\n}';
    expect(failure(text)).toEqual({
      code: "lone-surrogate",
      message: "a string holds a high surrogate not followed by a low surrogate",
      path: "$.content.body",
      line: 3,
      column: 17,
      offset: 33,
    });
  });

  it("reports lone surrogates that are raw, trailing, low-first or in keys", () => {
    expect(failure('["a\ud800b"]')).toMatchObject({ code: "lone-surrogate", path: "$[0]", column: 4 });
    expect(failure('"\\ud83d"')).toMatchObject({ code: "lone-surrogate", column: 2 });
    expect(failure('"\\ude00\\ud83d"')).toMatchObject({ code: "lone-surrogate", column: 2 });
    expect(failure('{"ok": 1, "k\\udfff": 2}')).toMatchObject({
      code: "lone-surrogate",
      path: "$",
      column: 13,
    });
  });

  it("rejects integers outside the safe range, pointing at the number", () => {
    expect(failure('{"origin_server_ts": 9007199254740992}')).toMatchObject({
      code: "unsafe-integer",
      path: "$.origin_server_ts",
      line: 1,
      column: 22,
    });
    expect(failure("[-9007199254740992]").code).toBe("unsafe-integer");
  });

  it("rejects numbers that overflow a double", () => {
    expect(failure("[1, 1e400]")).toMatchObject({ code: "number-overflow", path: "$[1]" });
  });

  it("rejects malformed numbers with a number error, not a confusing next-character error", () => {
    for (const text of ["01", "-", "1.", "1.e3", "1e", "+1", "-01", ".5", "1.5.2"]) {
      const error = failure(text);
      expect(["invalid-number", "unexpected-character"], text).toContain(error.code);
    }
    expect(failure("01").code).toBe("invalid-number");
    expect(failure("1.").code).toBe("invalid-number");
  });

  it("rejects duplicate keys at the second occurrence", () => {
    expect(failure('{"a": 1, "b": {"x": 1, "x": 2}}')).toMatchObject({
      code: "duplicate-key",
      path: "$.b.x",
      column: 24,
    });
  });

  it("rejects unescaped control characters and unknown escapes", () => {
    expect(failure('["a\tb"]')).toMatchObject({ code: "control-character", column: 4 });
    expect(failure('"\\x41"').code).toBe("invalid-escape");
    expect(failure('"\\u12G4"').code).toBe("invalid-escape");
    expect(failure('"\\').code).toBe("unexpected-end");
  });

  it("rejects structural mistakes with the container's path", () => {
    expect(failure('{"a": [1 2]}')).toMatchObject({ code: "unexpected-character", path: "$.a", column: 10 });
    expect(failure("[1,]").code).toBe("unexpected-character");
    expect(failure('{"a":1,}').code).toBe("unexpected-character");
    expect(failure("{a: 1}").code).toBe("unexpected-character");
    expect(failure("[1] x")).toMatchObject({ code: "trailing-data", column: 5 });
    expect(failure("")).toMatchObject({ code: "unexpected-end", line: 1, column: 1 });
    expect(failure('{"a": "unterminated')).toMatchObject({ code: "unexpected-end" });
    expect(failure("tru").code).toBe("unexpected-end");
    expect(failure("nulL").code).toBe("unexpected-character");
    expect(failure("NaN").code).toBe("unexpected-character");
  });

  it("does not skip a byte order mark", () => {
    expect(failure("\ufeff{}").message).toContain("byte order mark");
  });

  it("counts lines across LF, CRLF and CR", () => {
    expect(failure("[\n1,\r\n2,\r3,\n  x]")).toMatchObject({ line: 5, column: 3 });
  });
});

describe("parseJson: nesting limit", () => {
  it("turns 10 000-deep input into a too-deep error instead of a stack overflow", () => {
    const error = failure("[".repeat(10_000) + "]".repeat(10_000));
    expect(error.code).toBe("too-deep");
    expect(error.column).toBe(513);
    const objects = failure('{"a":'.repeat(10_000) + "1" + "}".repeat(10_000));
    expect(objects.code).toBe("too-deep");
    expect(objects.path.startsWith("$.a.a.a")).toBe(true);
  });

  it("honours a configured limit, in both directions", () => {
    expect(failure("[[[1]]]", { maxDepth: 2 }).code).toBe("too-deep");
    expect(parseJson("[[1]]", { maxDepth: 2 }).ok).toBe(true);
    // Iterative: far deeper than the call stack allows for a recursive reader.
    expect(parseJson("[".repeat(200_000) + "]".repeat(200_000), { maxDepth: 200_000 }).ok).toBe(true);
  });
});

describe("parseJsonBytes", () => {
  it("decodes UTF-8 and reads it", () => {
    const result = parseJsonBytes(new TextEncoder().encode('{"a":"日本語😀"}'));
    expect(result).toEqual({ ok: true, value: { a: "日本語😀" } });
  });

  it("reports invalid UTF-8 with the byte offset", () => {
    const bytes = Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x0a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]);
    const result = parseJsonBytes(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: "invalid-utf8", offset: 7, line: 2, column: 2 });
  });

  it("agrees with a strict TextDecoder on which byte strings are valid UTF-8", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8Offset(bytes) < 0).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseJson: properties", () => {
  it("agrees with JSON.parse on JSON.stringify output (any indentation)", () => {
    fc.assert(
      fc.property(jsonValue(readableDouble), fc.constantFrom(0, 1, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const ours = parseJson(text);
        expect(ours.ok).toBe(true);
        if (ours.ok) expect(jsonEquals(ours.value, JSON.parse(text) as JsonValue)).toBe(true);
      }),
    );
  });

  it("rejects exactly the integer literals JSON.parse would round", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e21, max: 1e21 }), (n) => {
        const result = parseJson(`[${JSON.stringify(n)}]`);
        if (printsAsSafeNumber(n))
          expect(result).toEqual({ ok: true, value: [n === 0 ? 0 : n] }); // "-0" is not printed
        else expect(result).toMatchObject({ ok: false, error: { code: "unsafe-integer", path: "$[0]" } });
      }),
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[],:"\\u0123456789eE.-+ tfnrl\ud800') }),
        (text) => {
          const result = parseJson(text);
          if (!result.ok) {
            expect(result.error.offset).toBeGreaterThanOrEqual(0);
            expect(result.error.path.startsWith("$")).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
