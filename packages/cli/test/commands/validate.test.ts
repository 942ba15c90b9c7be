import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("reports a line that is not JSON as an error at $, and goes on", async () => {
    const io = memoryIo('{"a":\n"@a:x.org"\n');
    expect(await main(["validate", "--schema", "UserId"], io)).toBe(1);
    const [first, second] = lines(io.stdout()) as Array<{
      ok: boolean;
      errors?: Array<{ path: string; message: string }>;
    }>;
    expect(first?.errors?.[0]?.path).toBe("$");
    expect(first?.errors?.[0]?.message).toMatch(/^not JSON: /);
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

describe("jsonPath", () => {
  it("writes identifiers as .name, indexes as [n] and other keys quoted", () => {
    expect(jsonPath([])).toBe("$");
    expect(jsonPath(["content", 0, "m.relates_to"])).toBe('$.content[0]["m.relates_to"]');
  });
});
