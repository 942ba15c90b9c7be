import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

const FILE = "packages/machine/src/a.ts";
const mutant = (id: string, status: string, replacement: string) => ({
  id,
  mutatorName: "ConditionalExpression",
  replacement,
  status,
  location: { start: { line: 1, column: 5 }, end: { line: 1, column: 9 } },
});
/** Nine killed mutants and one survivor: 90 %, exactly the target. */
const report = {
  files: {
    [FILE]: {
      source: "if (ok) go();\n",
      mutants: [
        ...Array.from({ length: 9 }, (_, i) => mutant(String(i), "Killed", "true")),
        mutant("9", "Survived", "false"),
      ],
    },
  },
};
const equivalent = {
  file: FILE,
  mutator: "ConditionalExpression",
  replacement: "false",
  line: "if (ok) go();",
  reason: "go() does nothing here",
};

/** A directory holding the report and the equivalents list. */
function workspace(reportJson: unknown, equivalents: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "mimi-mutants-"));
  writeFileSync(
    join(dir, "report.json"),
    typeof reportJson === "string" ? reportJson : JSON.stringify(reportJson),
  );
  writeFileSync(join(dir, "equivalents.json"), JSON.stringify(equivalents));
  return dir;
}
const args = ["model", "mutants", "--report", "report.json", "--equivalents", "equivalents.json"];

describe("mimi model mutants", () => {
  it("exits 0 when the target is met and every survivor is listed with its reason", async () => {
    const io = memoryIo("", workspace(report, { equivalents: [equivalent] }));
    expect(await main(args, io)).toBe(0);
    expect(io.stdout()).toContain("mutation score  90.00 % (9 of 10 mutants killed or timed out;");
    expect(io.stdout()).toContain("target          90 %: met");
    expect(io.stdout()).toContain(
      "survivors       1 listed as equivalent, 0 unexplained; 0 stale list entries",
    );
  });

  it("exits 1 and lists the survivor when nothing explains it", async () => {
    const io = memoryIo("", workspace(report, { equivalents: [] }));
    expect(await main(args, io)).toBe(1);
    expect(io.stdout()).toContain(`${FILE}:1:5 ConditionalExpression → "false" (Survived)  | if (ok) go();`);
  });

  it("exits 1 below the target even when every survivor is explained", async () => {
    const lower = structuredClone(report);
    const first = lower.files[FILE].mutants[0];
    if (first !== undefined) first.status = "Survived";
    const io = memoryIo(
      "",
      workspace(lower, { equivalents: [{ ...equivalent, replacement: "true" }, equivalent] }),
    );
    expect(await main(args, io)).toBe(1);
    expect(io.stdout()).toContain("target          90 %: NOT met");
  });

  it("writes JSON with the score, the equivalent, unexplained and stale mutants", async () => {
    const stale = { ...equivalent, line: "gone();" };
    const io = memoryIo("", workspace(report, { equivalents: [equivalent, stale] }));
    expect(await main([...args, "--format", "json"], io)).toBe(0);
    const out = JSON.parse(io.stdout());
    expect(out.score).toMatchObject({ killed: 9, survived: 1, score: 90 });
    expect(out.met).toBe(true);
    expect(out.equivalent).toEqual([
      expect.objectContaining({ id: "9", reason: "go() does nothing here", sourceLine: "if (ok) go();" }),
    ]);
    expect(out.unexplained).toEqual([]);
    expect(out.stale).toEqual([stale]);
  });

  it("exits 2 on an unusable report or list, naming the file and the JSON path", async () => {
    const bad = memoryIo("", workspace({ files: { [FILE]: { mutants: [] } } }, { equivalents: [] }));
    expect(await main(args, bad)).toBe(2);
    expect(bad.stderr()).toContain(`report.json: $.files["${FILE}"].source: is missing`);
    const badList = memoryIo("", workspace(report, { equivalents: [{ ...equivalent, reason: "" }] }));
    expect(await main(args, badList)).toBe(2);
    expect(badList.stderr()).toContain("equivalents.json: $.equivalents[0].reason: must say why");
    const missing = memoryIo("", workspace(report, { equivalents: [] }));
    expect(await main(["model", "mutants", "--report", "nowhere.json"], missing)).toBe(2);
    expect(missing.stderr()).toContain("nowhere.json");
  });

  it("prints its usage with --help", async () => {
    const io = memoryIo();
    expect(await main(["model", "mutants", "--help"], io)).toBe(0);
    expect(io.stdout()).toContain(
      "mimi model mutants [--report FILE] [--equivalents FILE] [--format text|json]",
    );
  });
});
