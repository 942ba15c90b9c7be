import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

describe("mimi vectors", () => {
  it("writes every vector file, its schema and the manifest, and lists the counts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-vectors-cli-"));
    const io = memoryIo("", dir);
    expect(await main(["vectors", "--out", "out"], io)).toBe(0);
    const files = readdirSync(join(dir, "out"));
    expect(files).toContain("index.json");
    expect(files.filter((f) => f.endsWith(".schema.json"))).toHaveLength(5);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "index.json"), "utf8")) as {
      files: Array<{ file: string; vectors: number }>;
    };
    expect(manifest.files.map((f) => f.file)).toEqual([
      "identifiers.json",
      "events.json",
      "policy-lm-i1.json",
      "policy-lm-i1-text.json",
      "policy-matrix-v11.json",
      "policy-pol-00.json",
      "grammar.json",
    ]);
    const total = manifest.files.reduce((n, f) => n + f.vectors, 0);
    expect(io.stdout()).toContain(`wrote ${total} vectors in 7 files`);
    expect(io.stdout()).toMatch(/policy-pol-00\.json +\d+ vectors/);
  });

  it("needs --out and takes no other argument", async () => {
    const missing = memoryIo();
    expect(await main(["vectors"], missing)).toBe(2);
    expect(missing.stderr()).toContain("missing --out DIR");
    const extra = memoryIo();
    expect(await main(["vectors", "--out", "x", "more"], extra)).toBe(2);
    expect(extra.stderr()).toContain("unexpected argument more");
    const help = memoryIo();
    expect(await main(["vectors", "--help"], help)).toBe(0);
    expect(help.stdout()).toContain("mimi vectors --out DIR");
  });
});
