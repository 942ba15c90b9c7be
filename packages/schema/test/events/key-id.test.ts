import { describe, expect, it } from "vitest";
import { KeyId, KeyVersion } from "../../src/events/index.ts";
import { messages } from "./support.ts";

describe("KeyId", () => {
  it("accepts ed25519 keys with LM key versions", () => {
    for (const id of ["ed25519:1", "ed25519:a_BC9", "ed25519:ABCDEF"])
      expect(messages(KeyId, id), id).toEqual([]);
    expect(messages(KeyVersion, "a_1")).toEqual([]);
  });

  it("rejects other algorithms, empty and out-of-grammar versions", () => {
    expect(messages(KeyId, "curve25519:1")[0]).toMatch(/^not a valid key_id: unexpected 'c'/);
    expect(messages(KeyId, "ed25519:")[0]).toMatch(/^not a valid key_id: input ends too early at column 9/);
    expect(messages(KeyId, "ed25519:a-b")[0]).toMatch(/unexpected '-'/);
    expect(messages(KeyVersion, "")).toHaveLength(1);
  });

  it("requires LM's lower-case spelling, which the case-insensitive ABNF literal does not", () => {
    expect(messages(KeyId, "ED25519:1")).toEqual([
      'write the key algorithm as "ed25519": key IDs are compared as strings, although the ABNF literal is case-insensitive',
    ]);
  });
});
