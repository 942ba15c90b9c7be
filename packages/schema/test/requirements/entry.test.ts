import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJsonSchema } from "../../src/json-schema/to-json-schema.ts";
import { MAX_STATEMENT_LENGTH, RequirementEntry, RequirementId } from "../../src/requirements/entry.ts";
import { compileJsonSchema } from "../support/registered-schemas.ts";

const decode = Schema.decodeUnknownResult(RequirementEntry);
const isId = Schema.is(RequirementId);

/** A minimal valid entry, the starting point for each rejection below. */
const valid = {
  id: "CHAT-6",
  source: "TRANSPORT",
  section: "3.2",
  statement: "Nobody can be added to a DM.",
  level: "MUST NOT",
  kind: "transition-rule",
  check: { kind: "planned", by: "guard", name: "dm.no-add", why: "no machine yet" },
} as const;

/** The decode error message, or undefined when the value decodes. */
const errorOf = (value: unknown): string | undefined => {
  const result = decode(value);
  return Result.isFailure(result) ? result.failure.message : undefined;
};

describe("RequirementId", () => {
  it.each(["CHAT-2", "ID-1", "SIG-EVENT-3", "OQ-AUTH-13", "TRANSPORT-TODO-1", "MLSACP-3"])(
    "accepts %s",
    (id) => {
      expect(isId(id)).toBe(true);
    },
  );

  it.each(["chat-2", "CHAT", "CHAT-0", "CHAT-02", "-CHAT-2", "CHAT--2", "CHAT-2 ", "CHAT-2-", "SIG-3-EVENT"])(
    "rejects %j",
    (id) => {
      expect(isId(id)).toBe(false);
    },
  );

  it("accepts every upper-case segment list ending in a positive number", () => {
    const segment = fc.stringMatching(/^[A-Z][A-Z0-9]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 9999 }),
        (parts, n) => {
          expect(isId(`${parts.join("-")}-${n}`)).toBe(true);
        },
      ),
    );
  });

  it("rejects any id containing a lower-case letter", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,4}[a-z][A-Z]{0,3}-[1-9]$/), (id) => {
        expect(isId(id)).toBe(false);
      }),
    );
  });
});

describe("RequirementEntry", () => {
  it("decodes a minimal entry unchanged", () => {
    expect(decode(valid)).toEqual(Result.succeed(valid));
  });

  it("keeps the optional keys when present", () => {
    const withExtras = { ...valid, related: ["CHAT-7"], note: "See also CHAT-7." };
    expect(decode(withExtras)).toEqual(Result.succeed(withExtras));
  });

  it.each([
    ["a malformed id", { id: "chat 6" }, '["id"]'],
    ["an unknown source", { source: "RFC9420" }, '["source"]'],
    ["an unknown level", { level: "MUST PERHAPS" }, '["level"]'],
    ["an unknown kind", { kind: "vibe" }, '["kind"]'],
    ["a blank section", { section: "  " }, '["section"]'],
    ["a two-line statement", { statement: "first line\nsecond line" }, '["statement"]'],
    ["a blank statement", { statement: " \t " }, '["statement"]'],
    ["a statement that is too long", { statement: "x".repeat(MAX_STATEMENT_LENGTH + 1) }, '["statement"]'],
    ["a blank note", { note: "" }, '["note"]'],
    ["a malformed related id", { related: ["CHAT-7", "nope"] }, '["related"]'],
  ])("rejects %s and names the field", (_label, patch, path) => {
    const message = errorOf({ ...valid, ...patch });
    expect(message).toBeDefined();
    expect(message).toContain(path);
  });

  it("accepts a statement of exactly the maximum length", () => {
    expect(errorOf({ ...valid, statement: "x".repeat(MAX_STATEMENT_LENGTH) })).toBeUndefined();
  });

  it("counts a statement's characters as code points, as its JSON Schema's maxLength does", () => {
    const validate = compileJsonSchema(toJsonSchema(RequirementEntry));
    // "😀" is one character but two UTF-16 units.
    const longest = { ...valid, statement: "😀".repeat(MAX_STATEMENT_LENGTH) };
    const tooLong = { ...valid, statement: "😀".repeat(MAX_STATEMENT_LENGTH + 1) };
    expect(errorOf(longest)).toBeUndefined();
    expect(validate(longest)).toBe(true);
    expect(errorOf(tooLong)).toContain(`a statement of at most ${MAX_STATEMENT_LENGTH} characters`);
    expect(validate(tooLong)).toBe(false);
  });

  it.each(["id", "source", "section", "statement", "level", "kind", "check"])("requires %s", (key) => {
    const { [key as keyof typeof valid]: _dropped, ...rest } = valid;
    expect(errorOf(rest)).toBeDefined();
  });

  it("rejects a check of unknown kind", () => {
    expect(errorOf({ ...valid, check: { kind: "vibes" } })).toBeDefined();
  });

  it("accepts a profile option on the entry (the registry validator decides where it may appear)", () => {
    const option = {
      name: "chat.promotion",
      choices: [
        { value: "forbidden", summary: "No.", sources: ["TRANSPORT"] },
        { value: "replace-room", summary: "New room.", sources: [] },
      ],
      default: "forbidden",
      defaultBasis: "other-draft",
      rationale: "Seed rules.",
    };
    expect(
      errorOf({ ...valid, kind: "open-question", level: "OPEN", profileOption: option }),
    ).toBeUndefined();
  });
});
