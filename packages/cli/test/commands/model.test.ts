import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

const repo = join(import.meta.dirname, "..", "..", "..", "..");

function traceFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "mimi-trace-"));
  writeFileSync(join(dir, "t.json"), typeof content === "string" ? content : JSON.stringify(content));
  return join(dir, "t.json");
}

describe("mimi model run", () => {
  it("prints each verdict with guard, requirements and reason, and the final state; exit 0", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "run", "models/traces/dm.json"], io)).toBe(0);
    const out = io.stdout();
    expect(out).toContain("rejected by dm.no-add [CHAT-6]: nobody can be added to a DM");
    expect(out).toContain("final state:");
    expect(out).toContain("!dm:a.example: dm, hub a.example");
    expect(out).toContain("result: every expectation held");
  });

  it("reports expected invariant violations and findings", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "run", "models/traces/dm-race.json"], io)).toBe(0);
    expect(io.stdout()).toContain("invariant dm.unique-per-pair violated");
    const forged = memoryIo("", repo);
    expect(await main(["model", "run", "models/traces/forged.json"], forged)).toBe(0);
    expect(forged.stdout()).toContain("finding: b.example refused");
  });

  it("exits 1 when a verdict differs, for instance under another profile", async () => {
    const io = memoryIo("", repo);
    expect(
      await main(["model", "run", "models/traces/profile-matrix-v11.json", "--profile", "lm-i1"], io),
    ).toBe(1);
    expect(io.stdout()).toContain("MISMATCH: expected accepted");
    expect(io.stdout()).toMatch(/result: FAILED: \d+ verdict\(s\) differ/);
  });

  it("prints JSON with --format json", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "run", "models/traces/public-chat.json", "--format", "json"], io)).toBe(0);
    const report = JSON.parse(io.stdout());
    expect(report.ok).toBe(true);
    expect(report.steps[0].verdict).toEqual({ accepted: true });
  });

  it("exits 2 on an unreadable trace, naming the JSON path", async () => {
    const bad = traceFile({
      description: "d",
      steps: [{ action: { kind: "join", user: "@Bob:b", room: "!r:a.example" } }],
    });
    const io = memoryIo();
    expect(await main(["model", "run", bad], io)).toBe(2);
    expect(io.stderr()).toContain("$.steps[0].action.user");
    const notJson = memoryIo();
    expect(await main(["model", "run", traceFile("{")], notJson)).toBe(2);
    expect(notJson.stderr()).toContain("not valid JSON");
    const missing = memoryIo();
    expect(await main(["model", "run", "/nonexistent/trace.json"], missing)).toBe(2);
    expect(missing.stderr()).toContain("no such file");
  });

  it("exits 2 on an unknown profile or a usage error", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "run", "models/traces/dm.json", "--profile", "nope"], io)).toBe(2);
    expect(io.stderr()).toContain("unknown profile nope");
    expect(await main(["model", "walk"], memoryIo())).toBe(2);
    const help = memoryIo();
    expect(await main(["model", "--help"], help)).toBe(0);
    expect(help.stdout()).toContain("mimi model run TRACE.json");
  });
});
