import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { schemaNames, schemasByName, toEncodedArbitrary } from "@mimi-spec/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPath } from "../../src/commands/validate.ts";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

function lines(text: string): unknown[] {
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe("mimi validate", () => {
  it("prints one verdict per input line and exits 1 when one is invalid", async () => {
    const io = memoryIo('"@alice:example.org"\n\n"@Alice:example.org"\n');
    expect(await main(["validate", "--schema", "UserId"], io)).toBe(1);
    const [ok, bad] = lines(io.stdout()) as [
      Record<string, unknown>,
      { ok: false; errors: Array<{ path: string; message: string }> },
    ];
    expect(ok).toEqual({ ok: true, value: "@alice:example.org" });
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]?.path).toBe("$");
    expect(bad.errors[0]?.message).toContain("unexpected 'A' (U+0041) at column 2");
  });

  it("exits 0 when every value is valid, reading a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-"));
    writeFileSync(join(dir, "ids.jsonl"), '"@a:x.org"\r\n"@b:y.org:443"\r\n');
    const io = memoryIo("", dir);
    expect(await main(["validate", "--schema", "UserId", "ids.jsonl"], io)).toBe(1 - 1);
    expect(lines(io.stdout())).toHaveLength(2);
  });

  it("decodes into parts with UserIdFromString", async () => {
    const io = memoryIo('"@bob:example.org"\n');
    expect(await main(["validate", "--schema", "UserIdFromString"], io)).toBe(0);
    expect(lines(io.stdout())).toEqual([{ ok: true, value: { localpart: "bob", server: "example.org" } }]);
  });

  it("reports a line that is not JSON with the path and column where it breaks, and goes on", async () => {
    const io = memoryIo('{"a":\n"@a:x.org"\n');
    expect(await main(["validate", "--schema", "UserId"], io)).toBe(1);
    const [first, second] = lines(io.stdout()) as Array<{
      ok: boolean;
      errors?: Array<{ path: string; message: string }>;
    }>;
    expect(first?.errors?.[0]?.path).toBe("$.a");
    expect(first?.errors?.[0]?.message).toMatch(/^not acceptable JSON at column 6 \(unexpected-end\): /);
    expect(second?.ok).toBe(true);
  });

  it("gives usage errors exit 2 and a message, without a stack trace", async () => {
    for (const args of [
      ["validate"],
      ["validate", "--schema", "Nope"],
      ["validate", "--bogus"],
      ["validate", "--schema", "UserId", "/no/such/file"],
    ]) {
      const io = memoryIo();
      expect(await main(args, io), args.join(" ")).toBe(2);
      expect(io.stderr()).toMatch(/^mimi validate: /);
      expect(io.stderr()).not.toContain("    at ");
    }
  });
});

describe("hostile JSON", () => {
  it("gives a structured error, never a crash, for deep nesting, unsafe integers, lone surrogates and duplicate keys", async () => {
    const inputs = [
      `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
      "12345678901234567890",
      '"\\ud800"',
      '{"a":1,"a":2}',
    ];
    const io = memoryIo(`${inputs.join("\n")}\n`);
    expect(await main(["validate", "--schema", "UserId"], io)).toBe(1);
    const codes = lines(io.stdout()).map(
      (v) => (v as { errors: Array<{ message: string }> }).errors[0]?.message.match(/\(([a-z-]+)\)/)?.[1],
    );
    expect(codes).toEqual(["too-deep", "unsafe-integer", "lone-surrogate", "duplicate-key"]);
  });

  it("treats __proto__ and constructor keys as data, without polluting prototypes", async () => {
    const io = memoryIo('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}\n');
    await main(["validate", "--schema", "UserIdFromString"], io);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lines(io.stdout())[0]).toMatchObject({ ok: false });
  });

  it("handles a 100 MB string without hanging", async () => {
    const io = memoryIo(`"@${"a".repeat(100 * 1024 * 1024)}:example.org"\n`);
    expect(await main(["validate", "--schema", "UserId"], io)).toBe(1);
    expect(io.stdout()).toContain("at most 255 are allowed");
  }, 60_000);
});

describe("mimi validate --schema NAME, for every exported schema", () => {
  type Verdict = { ok: boolean; errors?: Array<{ path: string; message: string }> };

  it.each([...schemaNames])(
    "%s: accepts generated values and names the path of a broken one",
    async (name) => {
      const schema = schemasByName[name];
      if (schema === undefined) throw new Error(`no schema ${name}`);
      const valid = fc.sample(toEncodedArbitrary(schema), { numRuns: 3, seed: 7 });
      // Break a value: null where it had an object's field, and null in place of the whole value
      // (an open object takes null in any field, and a redacted content has no field to break).
      const broken = [
        ...valid.flatMap(
          (value): Array<{ key: string | undefined; text: string }> =>
            typeof value === "object" && value !== null && !Array.isArray(value)
              ? Object.keys(value).map((key) => ({ key, text: JSON.stringify({ ...value, [key]: null }) }))
              : [],
        ),
        { key: undefined, text: "null" },
      ];
      const input = [...valid.map((v) => JSON.stringify(v)), ...broken.map((b) => b.text)].join("\n");
      const io = memoryIo(`${input}\n`);
      const status = await main(["validate", "--schema", name], io);
      const verdicts = lines(io.stdout()) as Verdict[];
      expect(verdicts).toHaveLength(valid.length + broken.length);
      expect(verdicts.slice(0, valid.length).every((v) => v.ok)).toBe(true);
      const rejected = broken.flatMap((b, i) => {
        const verdict = verdicts[valid.length + i];
        return verdict?.ok === false ? [{ key: b.key, errors: verdict.errors ?? [] }] : [];
      });
      expect(status).toBe(rejected.length > 0 ? 1 : 0);
      expect(rejected.length).toBeGreaterThan(0);
      for (const { key, errors } of rejected) {
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) expect(error.message).not.toBe("");
        // A nulled field is reported at that field (or, for a rule over fields, at the object).
        const at = key === undefined ? "$" : jsonPath([key]);
        if (key !== undefined)
          expect(
            errors.some(
              (e) =>
                e.path === "$" ||
                e.path === at ||
                (e.path.startsWith(at) && /^[.[]/.test(e.path.slice(at.length))),
            ),
            JSON.stringify(errors),
          ).toBe(true);
        else expect(errors[0]?.path).toBe("$");
      }
    },
  );
});

describe("jsonPath", () => {
  it("writes identifiers as .name, indexes as [n] and other keys quoted", () => {
    expect(jsonPath([])).toBe("$");
    expect(jsonPath(["content", 0, "m.relates_to"])).toBe('$.content[0]["m.relates_to"]');
  });
});
