import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadGrammar } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { checkDraft } from "../../src/check/check-draft.ts";
import { showWitness } from "../../src/check/reference-check.ts";
import { ruleClosureKey } from "../../src/check/rule-closure-key.ts";
import type { Finding } from "../../src/finding.ts";
import { fixtureBytes, fixtureText, positionOf } from "../support/fixtures.ts";
import { projectReference } from "../support/reference.ts";

const REFERENCE_CODES = ["rule-wider-than-reference", "rule-narrower-than-reference"];

function referenceFindings(name: string): Finding[] {
  return checkDraft(name, fixtureBytes(name), { reference: projectReference() }).findings.filter((f) =>
    REFERENCE_CODES.includes(f.code),
  );
}

/** The witness quoted in a finding's message. */
function witnessOf(f: Finding): string {
  const m = /(?:accepts|rejects) ("(?:[^"\\]|\\.)*")/.exec(f.message);
  if (m === null) throw new Error(`no witness in: ${f.message}`);
  return JSON.parse(m[1] as string) as string;
}

describe("the draft's grammar against the reference grammar", () => {
  it("reports a rule wider than the reference at its definition, with a witness", () => {
    const name = "reference-wider.md";
    const found = referenceFindings(name);
    const text = fixtureText(name);
    expect(found.map((f) => [f.code, f.severity, f.line, f.column])).toEqual([
      ["rule-wider-than-reference", "warning", ...Object.values(positionOf(text, "user-id     "))],
      ["rule-wider-than-reference", "warning", ...Object.values(positionOf(text, "user-id-localpart ="))],
      ["rule-wider-than-reference", "warning", ...Object.values(positionOf(text, "user-id-char      ="))],
    ]);
    const [userId] = found;
    expect(userId?.message).toContain("the reference rule `user_id` (spec/grammar/identifiers.abnf:");
    // The witness really is a user ID of the draft's grammar that the reference rejects.
    const witness = witnessOf(userId as Finding);
    expect(witness).toMatch(/^@[^:]*[A-Z][^:]*:/);
    expect(projectReference().grammar.rules.has("user_id")).toBe(true);
  });

  it("reports a rule narrower than the reference, in an RFCXML draft", () => {
    const name = "reference-narrower.xml";
    const found = referenceFindings(name);
    expect(found.every((f) => f.code === "rule-narrower-than-reference")).toBe(true);
    const text = fixtureText(name);
    const at = (needle: string) => found.find((f) => f.line === positionOf(text, needle).line);
    expect(at("room_id_localpart =")?.message).toMatch(
      /rejects "[^"]*", which the reference rule `room_id_localpart`/,
    );
    expect(witnessOf(at("room_id_localpart =") as Finding)).toMatch(/[^A-Za-z]/);
    // 1*63dns-char against the reference's 1*255dns-char: a 64-character host name.
    expect(witnessOf(at("hostname          =") as Finding)).toHaveLength(64);
  });

  it("is quiet on drafts whose rules agree with the reference, in every format", () => {
    for (const name of ["good.md", "good.xml", "good.txt", "good.html"])
      expect(referenceFindings(name)).toEqual([]);
  });

  it("the project's reference draft defines every reference rule, each the same as the reference", () => {
    const draft = readFileSync(
      fileURLToPath(new URL("../../../../spec/draft-mimi-spec-reference.md", import.meta.url)),
    );
    const reference = projectReference();
    const r = checkDraft("spec/draft-mimi-spec-reference.md", draft, { reference });
    expect(r.exitCode).toBe(0);
    expect(r.findings.filter((f) => f.severity !== "note")).toEqual([]);
    const grammar = loadGrammar(
      (r.extraction?.abnfBlocks ?? []).map((b, k) => ({ name: `block-${k}`, text: b.block.text })),
    );
    for (const key of reference.grammar.ownRuleKeys) {
      const rule = reference.grammar.rules.get(key);
      if (rule === undefined) continue;
      const name = key.replaceAll("_", "-");
      expect(grammar.rules.has(name), `the draft defines ${name}`).toBe(true);
      expect(ruleClosureKey(grammar, name), name).toBe(reference.closureKey(rule));
    }
  });

  it("is deterministic: the same findings and witnesses every run", () => {
    const once = referenceFindings("reference-narrower.xml");
    expect(referenceFindings("reference-narrower.xml")).toEqual(once);
  });

  it("compares nothing without a reference", () => {
    const r = checkDraft("reference-wider.md", fixtureBytes("reference-wider.md"));
    expect(r.findings.filter((f) => REFERENCE_CODES.includes(f.code))).toEqual([]);
  });

  it("shows long witnesses shortened, with their length", () => {
    expect(showWitness("ab")).toBe('"ab"');
    const long = showWitness("a".repeat(300));
    expect(long).toMatch(/^"a{48}…a{16}" \(300 characters\)$/);
    expect(showWitness('"\n')).toBe('"\\"\\n"');
  });
});
