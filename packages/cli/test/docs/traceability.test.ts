import type { RequirementEntry } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { indexTestReferences } from "../../src/docs/test-references.ts";
import {
  checkHtml,
  matrixDocument,
  requirementStatus,
  traceabilityRows,
} from "../../src/docs/traceability.ts";
import { testLinks } from "./support.ts";

const entry = (e: Partial<RequirementEntry> & Pick<RequirementEntry, "id" | "check">): RequirementEntry => ({
  source: "TRANSPORT",
  section: "3.2",
  statement: `statement of ${e.id}`,
  level: "MUST",
  kind: "transition-rule",
  ...e,
});

const registry: RequirementEntry[] = [
  entry({ id: "CHAT-6", check: { kind: "guard", name: "dm.no-add" } }),
  entry({ id: "CHAT-2", check: { kind: "invariant", name: "dm.unique-per-pair" } }),
  entry({
    id: "ID-2",
    kind: "grammar",
    check: { kind: "grammar-rule", file: "spec/grammar/identifiers.abnf", rule: "user_id" },
  }),
  entry({ id: "ID-4", level: "MAY", check: { kind: "none", why: "nothing to enforce" } }),
  entry({
    id: "OQ-X-1",
    source: "LM",
    level: "OPEN",
    kind: "open-question",
    check: { kind: "planned", by: "guard", name: "chat.promote", why: "no chat kinds yet" },
    profileOption: {
      name: "chat.promotion",
      choices: [
        { value: "forbidden", summary: "never", sources: ["TRANSPORT"] },
        { value: "allowed", summary: "by consent", sources: [] },
      ],
      default: "forbidden",
      defaultBasis: "other-draft",
      rationale: "DMs stay DMs.",
    },
  }),
];

const rows = traceabilityRows({
  registry,
  guards: {
    "dm.no-add": { requirements: ["CHAT-6"], reason: "r" },
    "dm.unique": { requirements: ["CHAT-2"], reason: "r" },
  },
  invariants: [{ id: "dm.unique-per-pair", requirements: ["CHAT-2"], description: "d" }],
  tests: indexTestReferences([
    { file: "packages/machine/test/a.test.ts", text: 'it("refuses", () => expect(g).toBe("dm.no-add"));' },
    { file: "packages/machine/test/b.test.ts", text: 'it("CHAT-6 holds", () => {});' },
  ]),
  traceEvidence: new Map([
    ["dm.no-add", [{ path: "models/traces/dm.json", why: "step 3 expects a refusal by dm.no-add" }]],
  ]),
  links: testLinks(),
});

describe("requirementStatus", () => {
  it("is checked, open question, planned or not checkable", () => {
    expect(registry.map(requirementStatus)).toEqual([
      "checked",
      "checked",
      "checked",
      "not checkable",
      "open question",
    ]);
    expect(
      requirementStatus(entry({ id: "A-1", check: { kind: "planned", by: "schema", name: "X", why: "w" } })),
    ).toBe("planned");
  });
});

describe("traceabilityRows", () => {
  it("finds the tests that name the id or the enforcing check, and the traces that exercise it", () => {
    const chat6 = rows[0];
    expect(chat6?.tests.map((t) => t.file)).toEqual([
      "packages/machine/test/a.test.ts",
      "packages/machine/test/b.test.ts",
    ]);
    expect(chat6?.traces.map((t) => t.path)).toEqual(["models/traces/dm.json"]);
    expect(rows[1]?.citedByGuards).toEqual(["dm.unique"]);
    expect(rows[1]?.citedByInvariants).toEqual(["dm.unique-per-pair"]);
  });

  it("says why a requirement is open, planned or not checkable", () => {
    expect(rows[3]?.statusNote).toBe("nothing to enforce");
    expect(rows[4]?.statusNote).toBe(
      "settled by the profile option chat.promotion (default forbidden); no chat kinds yet",
    );
    expect(rows[0]?.statusNote).toBeUndefined();
  });
});

describe("checkHtml", () => {
  it("links checks to their API pages, or flags a name the code lacks", () => {
    const links = testLinks();
    expect(checkHtml(links, "traceability.md", { kind: "guard", name: "dm.no-add" })).toBe(
      'guard {@link @mimi-spec/machine!GUARDS."dm.no-add" | dm.no-add}',
    );
    expect(checkHtml(links, "traceability.md", { kind: "schema", name: "UserId" })).toBe(
      "schema {@link @mimi-spec/schema!UserId:var | UserId}",
    );
    expect(checkHtml(links, "traceability.md", { kind: "invariant", name: "nope.nope" })).toContain(
      "mimi-warning",
    );
    expect(
      checkHtml(links, "requirements/ID-2.md", {
        kind: "grammar-rule",
        file: "spec/grammar/identifiers.abnf",
        rule: "user_id",
      }),
    ).toContain('href="../grammar/identifiers.md#user_id"');
  });
});

describe("matrixDocument", () => {
  const doc = matrixDocument(rows, testLinks());

  it("has one filterable row per requirement and one child page each", () => {
    for (const row of rows)
      expect(doc.body).toContain(
        `<tr data-id="${row.entry.id}" data-source="${row.entry.source}" data-status="${row.status}">`,
      );
    expect(doc.children?.map((c) => c.title)).toEqual(registry.map((e) => e.id));
    expect(doc.body).toContain('<option value="LM">LM (1)</option>');
    expect(doc.body).toContain('<option value="open question">open question (1)</option>');
  });

  it("gives each requirement a page with its profile option, checks, tests and traces", () => {
    const page = doc.children?.find((c) => c.title === "OQ-X-1")?.body ?? "";
    expect(page).toContain("# OQ-X-1");
    expect(page).toContain('href="../machine/profile-options.md#chatpromotion"');
    expect(page).toContain("by consent");
    const chat6 = doc.children?.find((c) => c.title === "CHAT-6")?.body ?? "";
    expect(chat6).toContain("packages/machine/test/a.test.ts:1");
    expect(chat6).toContain('href="../gallery/dm.md"');
  });
});
