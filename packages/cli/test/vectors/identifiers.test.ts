import { schemaProblem, schemasByName } from "@mimi-spec/schema";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { IDENTIFIER_KIND_SPECS, identifierVectorFile } from "../../src/vectors/identifiers.ts";
import { IDENTIFIER_KINDS } from "../../src/vectors/shapes.ts";

const file = identifierVectorFile();

describe("identifier vectors", () => {
  it("cover every kind with valid and invalid strings", () => {
    for (const kind of IDENTIFIER_KINDS) {
      const of = file.vectors.filter((v) => v.kind === kind);
      expect(
        of.some((v) => v.expected.valid),
        kind,
      ).toBe(true);
      expect(
        of.some((v) => !v.expected.valid),
        kind,
      ).toBe(true);
    }
  });

  it("name each kind's schema as `mimi validate --schema` knows it", () => {
    for (const spec of IDENTIFIER_KIND_SPECS)
      expect(schemasByName[spec.schemaName], spec.kind).toBe(spec.schema);
  });

  it("take each verdict and reason from the kind's schema", () => {
    for (const v of file.vectors) {
      const spec = IDENTIFIER_KIND_SPECS.find((s) => s.kind === v.kind);
      const problem = schemaProblem(spec?.schema as Schema.Decoder<unknown>, v.value);
      expect(v.expected, v.id).toEqual(
        problem === undefined ? { valid: true } : { valid: false, reason: problem },
      );
    }
  });

  it("include the drafts' examples and the prose limits at their edges", () => {
    const find = (kind: string, value: string) =>
      file.vectors.find((v) => v.kind === kind && v.value === value);
    expect(find("user_id", "@Alice:example.org")?.expected).toEqual({
      valid: false,
      reason: expect.stringContaining("unexpected 'A' (U+0041) at column 2"),
    });
    expect(find("server_name", "example.org:65535")?.expected.valid).toBe(true);
    expect(find("server_name", "example.org:65536")?.expected).toEqual({
      valid: false,
      reason: "port 65536 is outside 1-65535",
    });
    expect(find("room_version", "I.1")?.expected.valid).toBe(false);
    expect(find("key_id", "ED25519:1")?.expected).toMatchObject({
      reason: expect.stringContaining("ed25519"),
    });
    expect(find("state_key", "😀".repeat(255))?.expected.valid).toBe(true);
    expect(find("event_id", "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadd")?.expected).toMatchObject({
      reason: expect.stringContaining("not the canonical encoding"),
    });
  });

  it("add grammar samples and near misses with the edit that made them", () => {
    const generated = file.vectors.filter((v) => v.source !== "curated");
    expect(generated.filter((v) => v.source === "grammar-sample").length).toBeGreaterThan(40);
    const misses = generated.filter((v) => v.source === "near-miss");
    expect(misses.length).toBeGreaterThan(40);
    expect(misses.every((v) => v.note !== undefined)).toBe(true);
  });

  it("number vectors per kind and verdict, valid ones first", () => {
    const userIds = file.vectors.filter((v) => v.kind === "user_id").map((v) => v.id);
    expect(userIds[0]).toBe("identifiers/user_id/valid/001");
    expect(userIds.at(-1)).toMatch(/^identifiers\/user_id\/invalid\/\d{3}$/);
  });
});
