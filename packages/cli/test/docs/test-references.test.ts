import { describe, expect, it } from "vitest";
import {
  indexTestReferences,
  quotedRuleKey,
  readTestFiles,
  referencesToAny,
} from "../../src/docs/test-references.ts";

const repo = new URL("../../../../", import.meta.url).pathname;

const files = [
  {
    file: "packages/machine/test/chat.test.ts",
    text: [
      'describe("DMs", () => {',
      '  it("refuses an add (CHAT-6)", () => {',
      '    expect(verdict.guard).toBe("dm.no-add");',
      "  });",
      '  it("has no id here", () => { const x = "CHAT-20 OQ-CHAT-2 a.example"; });',
      "});",
      "const top = UserId; // not a schema test",
    ].join("\n"),
  },
  {
    file: "packages/schema/test/ids.test.ts",
    text: 'it("decodes", () => { Schema.decode(UserId)("@a:b"); rule("user_id"); });',
  },
];

describe("indexTestReferences", () => {
  const index = indexTestReferences(files);

  it("finds requirement ids and check ids with the title of their test", () => {
    expect(index.get("CHAT-6")).toEqual([
      { file: "packages/machine/test/chat.test.ts", line: 2, title: "refuses an add (CHAT-6)" },
    ]);
    expect(index.get("dm.no-add")?.[0]).toMatchObject({ line: 3, title: "refuses an add (CHAT-6)" });
  });

  it("never takes a longer id for a shorter one", () => {
    expect(index.get("CHAT-2")).toBeUndefined();
    expect(index.get("CHAT-20")?.length).toBe(1);
    expect(index.get("OQ-CHAT-2")?.length).toBe(1);
  });

  it("counts schema names only in the schema package's tests, and quoted rule names anywhere", () => {
    expect(index.get("UserId")?.map((r) => r.file)).toEqual(["packages/schema/test/ids.test.ts"]);
    expect(index.get(quotedRuleKey("user_id"))?.length).toBe(1);
  });

  it("merges mentions of several names into one entry per test", () => {
    expect(referencesToAny(index, ["CHAT-6", "dm.no-add"]).length).toBe(1);
  });
});

describe("readTestFiles", () => {
  it("reads the repository's test files, without the docs tests", () => {
    const read = readTestFiles(repo).map((f) => f.file);
    expect(read).toContain("packages/cli/test/commands/docs.test.ts");
    expect(read.every((f) => f.endsWith(".test.ts"))).toBe(true);
    expect(read.some((f) => f.startsWith("packages/cli/test/docs/"))).toBe(false);
  });
});
