import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  GENERATED_MARKER,
  generateDiagramsModule,
  generateGuardsModule,
  generateTablesModule,
  machineTarget,
  runGeneration,
} from "../src/index.ts";

const repo = join(import.meta.dirname, "..", "..", "..");

/** A scratch repository holding a copy of the models. */
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), "mimi-models-"));
  cpSync(join(repo, "models"), join(root, "models"), { recursive: true });
  return root;
}

describe("the machine targets", () => {
  const guards = machineTarget("out/guards.ts", generateGuardsModule);
  const tables = machineTarget("out/tables.ts", generateTablesModule);
  const diagrams = machineTarget("out/diagrams.ts", generateDiagramsModule);

  it("emit the guard catalogue with its GuardId union under the do-not-edit header", () => {
    const root = scratch();
    expect(runGeneration(root, [guards, tables, diagrams], { check: false }).map((o) => o.status)).toEqual([
      "written",
      "written",
      "written",
    ]);
    const text = readFileSync(join(root, "out", "guards.ts"), "utf8");
    expect(text.startsWith(`/**\n * ${GENERATED_MARKER}`)).toBe(true);
    expect(text).toContain("Source: models/membership.json");
    expect(text).toContain("export type GuardId = keyof typeof GUARDS;");
    expect(text).toContain('"dm.no-add": {');
    expect(text).toContain('"CHAT-6"');
    const tablesText = readFileSync(join(root, "out", "tables.ts"), "utf8");
    expect(tablesText).toContain("export const MEMBERSHIP_RULES: MembershipRuleTable");
    expect(tablesText).toContain("membership.knock.not-invited: require target-membership-not-in:invite");
    expect(tablesText).toContain("export type OptionValues");
    expect(readFileSync(join(root, "out", "diagrams.ts"), "utf8")).toContain("stateDiagram-v2");
  });

  it("find the output stale after a model changes", () => {
    const root = scratch();
    runGeneration(root, [guards], { check: false });
    const file = join(root, "models", "auth-rules.json");
    writeFileSync(file, readFileSync(file, "utf8").replace("never moves", "stays put"));
    expect(runGeneration(root, [guards], { check: true })[0]?.status).toBe("stale");
  });

  it("refuse broken models, naming every problem with its file and JSON path", () => {
    const root = scratch();
    const file = join(root, "models", "membership.json");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('"require": ["sender-joined"]', '"require": ["sender-jioned"]'),
    );
    expect(() => runGeneration(root, [tables], { check: false })).toThrow(
      /models\/membership\.json: \$\.changes\[1\]\.rules\[0\]\.require\[0\]: unknown predicate "sender-jioned"/,
    );
  });
});
