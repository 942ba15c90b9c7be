import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { writeVectorSet } from "../../src/vectors/vector-set.ts";
import { BROKEN_ADAPTER, smallVectorSet } from "../conformance/support.ts";
import { memoryIo } from "../support.ts";

const dir = mkdtempSync(join(tmpdir(), "mimi-conformance-cli-"));
const set = smallVectorSet();
writeVectorSet(set, join(dir, "vectors"));

describe("mimi conformance", () => {
  it("prints a per-vector table naming each failure with expected vs actual, and exits 1", async () => {
    const io = memoryIo("", dir);
    const status = await main(
      ["conformance", "--impl", BROKEN_ADAPTER, "--vectors", "vectors", "--timeout", "1500"],
      io,
    );
    expect(status).toBe(1);
    const out = io.stdout();
    expect(out).toContain("implementation: broken toy adapter 0.0.1 (protocol 1)");
    // Every vector has a row.
    for (const id of [
      ...set.identifiers.vectors.map((v) => v.id),
      ...set.events.vectors.map((v) => v.id),
      ...set.grammar.vectors.map((v) => v.id),
    ])
      expect(out).toMatch(new RegExp(`^\\S+ +${id.replace(/[.]/gu, "\\.")}$`, "mu"));
    const upper = set.identifiers.vectors.find((v) => v.value === "@Alice:example.org");
    expect(out).toContain(`FAIL         ${upper?.id}\n      valid: expected false, got true\n`);
    const event = set.events.vectors[0];
    if (event === undefined || "rejected" in event.expected)
      throw new Error("the first event vector has results");
    const hash = event.expected.contentHash;
    expect(out).toContain(`FAIL         ${event.id}\n`);
    expect(out).toContain(`      contentHash: expected "${hash}", got "AAAA"\n`);
    expect(out).toMatch(
      /CRASH +policy\/pol-00\/generated\/kick-target-joined\n +the implementation exited \(exit code 3\)/,
    );
    expect(out).toMatch(/TIMEOUT +grammar\/identifiers\/port\/valid\/01\n +no answer within 1500 ms/);
    expect(out).toMatch(/unsupported +identifiers\/server_name\/valid\/001/);
    expect(out).toMatch(
      /^summary: \d+ vectors: \d+ passed, \d+ failed, \d+ unsupported, 2 timed out, 2 crashed/mu,
    );
    expect(out).toContain("result: FAILED");
  });

  it("filters vectors with --only, leaves passes out with --failures-only, and prints JSON", async () => {
    const io = memoryIo("", dir);
    const args = ["conformance", "--impl", BROKEN_ADAPTER, "--vectors", "vectors", "--only", "dns-char"];
    expect(await main([...args, "--format", "json"], io)).toBe(0);
    const report = JSON.parse(io.stdout()) as {
      results: Array<{ id: string; status: string }>;
      failed: boolean;
    };
    expect(report.failed).toBe(false);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((r) => r.id.includes("dns-char") && r.status === "pass")).toBe(true);
    const quiet = memoryIo("", dir);
    expect(await main([...args, "--failures-only"], quiet)).toBe(0);
    expect(quiet.stdout()).not.toMatch(/^pass /mu);
    expect(quiet.stdout()).toContain("result: passed");
  });

  it("counts unsupported answers as failures with --require-all", async () => {
    const io = memoryIo("", dir);
    const args = ["conformance", "--impl", BROKEN_ADAPTER, "--vectors", "vectors", "--only", "server_name"];
    expect(await main(args, memoryIo("", dir))).toBe(0);
    expect(await main([...args, "--require-all"], io)).toBe(1);
    expect(io.stdout()).toContain("result: FAILED");
  });

  it.each([
    [[], "missing --impl"],
    [["--impl", "x", "--timeout", "soon"], "--timeout must be a whole number"],
    [["--impl", "x", "--format", "xml"], "--format must be text or json"],
    [["--impl", "x", "--vectors", "nowhere"], "index.json: no such file"],
    [["--impl", "x", "--vectors", "vectors", "--only", "zzz"], 'no vector ID contains "zzz"'],
    [["--impl", "x", "--frobnicate"], "Unknown option '--frobnicate'"],
  ])("refuses unusable options %j with exit 2", async (args, message) => {
    const io = memoryIo("", dir);
    expect(await main(["conformance", ...args], io)).toBe(2);
    expect(io.stderr()).toContain(message);
  });

  it("has --help", async () => {
    const io = memoryIo();
    expect(await main(["conformance", "--help"], io)).toBe(0);
    expect(io.stdout()).toContain('mimi conformance --impl "COMMAND"');
    expect(io.stdout()).toContain("spec/conformance-protocol.md");
  });
});
