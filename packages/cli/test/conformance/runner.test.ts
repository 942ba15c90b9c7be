import { describe, expect, it } from "vitest";
import { conformanceCases } from "../../src/conformance/cases.ts";
import { formatReportText } from "../../src/conformance/report.ts";
import { type ConformanceReport, reportFailed, runConformance } from "../../src/conformance/runner.ts";
import { BROKEN_ADAPTER, smallVectorSet } from "./support.ts";

const set = smallVectorSet();
const cases = conformanceCases(set);
const byId = (report: ConformanceReport, id: string) => report.results.find((r) => r.id === id);

describe("runConformance against the broken toy adapter", async () => {
  const report = await runConformance(cases, {
    command: BROKEN_ADAPTER,
    cwd: process.cwd(),
    timeoutMs: 1500,
  });
  const text = formatReportText(report);

  it("reports one result per vector, in order, and fails the run", () => {
    expect(report.results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    expect(reportFailed(report)).toBe(true);
    expect(report.implementation).toEqual({ name: "broken toy adapter", version: "0.0.1", protocol: 1 });
  });

  it("names each wrong identifier answer with expected vs actual and the reference's reason", () => {
    const upper = set.identifiers.vectors.find((v) => v.value === "@Alice:example.org");
    expect(upper?.expected.valid).toBe(false);
    expect(byId(report, upper?.id ?? "")).toMatchObject({
      status: "fail",
      mismatches: [{ field: "valid", expected: false, actual: true }],
    });
    const port = set.identifiers.vectors.find((v) => v.value === "@bob:example.org:8448");
    expect(byId(report, port?.id ?? "")?.mismatches?.[0]).toMatchObject({ expected: true, actual: false });
    expect(text).toMatch(
      new RegExp(
        `FAIL +${upper?.id}\\n +valid: expected false, got true\\n +\\(the reference says: not a valid user_id: unexpected 'A'`,
      ),
    );
    const good = set.identifiers.vectors.find((v) => v.value === "@alice:example.org");
    expect(byId(report, good?.id ?? "")?.status).toBe("pass");
  });

  it("scores identifier kinds the adapter does not support as unsupported, not failed", () => {
    const server = report.results.filter((r) => r.id.startsWith("identifiers/server_name/"));
    expect(server.length).toBeGreaterThan(0);
    expect(new Set(server.map((r) => r.status))).toEqual(new Set(["unsupported"]));
    expect(server[0]?.detail).toBe("no server_name support");
  });

  it("shows the expected and actual hash of a wrong event answer", () => {
    const event = set.events.vectors[0];
    const result = byId(report, event?.id ?? "");
    expect(result?.status).toBe("fail");
    const expected = event?.expected as { contentHash: string };
    expect(result?.mismatches).toContainEqual({
      field: "contentHash",
      expected: expected.contentHash,
      actual: "AAAA",
    });
    expect(text).toContain(`contentHash: expected "${expected.contentHash}", got "AAAA"`);
    expect(text).toContain('referenceHash: expected "');
    expect(text).toMatch(
      /canonical: expected .*\n +\(first difference at character 3: expected "\{\\"auth_events/u,
    );
  });

  it("reports a crash per trace vector with the exit code and stderr, and restarts for the next", () => {
    const traces = report.results.filter((r) => r.type === "trace");
    expect(traces).toHaveLength(2);
    for (const t of traces) {
      expect(t.status).toBe("crash");
      expect(t.detail).toContain("exit code 3");
      expect(t.detail).toContain("toy: traces are not implemented, bailing out");
    }
    expect(text).toMatch(
      /CRASH +policy\/pol-00\/trace\/public-chat\n +the implementation exited \(exit code 3\)/,
    );
  });

  it("kills a hanging implementation after the timeout and goes on with the next vector", () => {
    const port = report.results.filter((r) => r.id.includes("/port/"));
    expect(port.length).toBeGreaterThan(0);
    for (const r of port) {
      expect(r.status).toBe("timeout");
      expect(r.detail).toContain("no answer within 1500 ms");
    }
    // dns-char comes after port in the grammar and is answered correctly by a restarted adapter.
    const dns = report.results.filter((r) => r.id.includes("/dns-char/"));
    expect(dns.length).toBeGreaterThan(0);
    expect(dns.every((r) => r.status === "pass")).toBe(true);
    expect(report.starts).toBe(2 + 1 + port.length);
  });

  it("skips garbage lines and stray responses, and counts stderr noise", () => {
    expect(report.noise.garbageLines).toBeGreaterThanOrEqual(report.starts);
    expect(report.noise.samples[0]).toBe("toy adapter 0.0.1 starting (this line is not JSON)");
    expect(report.noise.stderrBytes).toBeGreaterThan(0);
    expect(text).toContain("skipped");
    expect(text).toMatch(
      /summary: \d+ vectors: \d+ passed, \d+ failed, \d+ unsupported, \d+ timed out, 2 crashed/,
    );
    expect(text).toContain("result: FAILED");
  });
});

describe("runConformance when the implementation cannot start", () => {
  it("marks every vector not run after a protocol version mismatch, without retrying", async () => {
    process.env.BROKEN_ADAPTER_VERSION = "2";
    try {
      const report = await runConformance(cases.slice(0, 3), {
        command: BROKEN_ADAPTER,
        cwd: process.cwd(),
        timeoutMs: 2000,
      });
      expect(report.starts).toBe(1);
      expect(report.counts["not-run"]).toBe(3);
      expect(report.results[0]?.detail).toContain("speaks protocol version 2; this runner speaks 1");
    } finally {
      delete process.env.BROKEN_ADAPTER_VERSION;
    }
  });

  it("gives up after three failed starts of a command that exits at once", async () => {
    const report = await runConformance(cases.slice(0, 2), {
      command: "exit 7",
      cwd: process.cwd(),
      timeoutMs: 2000,
    });
    expect(report.starts).toBe(3);
    expect(report.results.map((r) => r.status)).toEqual(["not-run", "not-run"]);
    expect(report.results[0]?.detail).toContain("failed to start 3 times in a row");
    expect(report.results[0]?.detail).toContain("exit code 7");
  });
});
