import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../src/canonical/base64.ts";
import { withContentHash } from "../../src/canonical/hashes.ts";
import type { JsonObject } from "../../src/canonical/json-value.ts";
import {
  generateSigningKey,
  type SigningKey,
  signEvent,
  signingKeyFromSeed,
  signObject,
  verifyEventSignature,
  verifyKeyFromBase64,
  verifyObjectSignature,
} from "../../src/canonical/signing.ts";
import { jsonKey, jsonValue, safeInteger } from "./arbitraries.ts";
import { MATRIX_V1_REDACTION_RULES } from "./matrix-v1-rules.ts";
import { EVENT_SIGNING, JSON_SIGNING, KEY_VERSION, SERVER_NAME, SIGNING_KEY_SEED } from "./matrix-vectors.ts";

function value<A>(result: { ok: true; value: A } | { ok: false; error: unknown }): A {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const matrixKey: SigningKey = value(signingKeyFromSeed(value(decodeBase64(SIGNING_KEY_SEED)), KEY_VERSION));
const matrixKeys = new Map([[matrixKey.keyId, matrixKey.publicKey]]);

describe("Matrix cryptographic test vectors (matrix-spec appendices)", () => {
  it("derives key ed25519:1 from the published seed", () => {
    expect(matrixKey.keyId).toBe("ed25519:1");
    expect(value(decodeBase64(matrixKey.publicKeyBase64)).length).toBe(32);
  });

  it.each(JSON_SIGNING)("JSON signing: reproduces signature $signature", ({ input, signature }) => {
    for (const profile of ["matrix", "jcs"] as const) {
      // ASCII keys and integers only: both profiles give the same bytes here.
      const signed = value(signObject(input, SERVER_NAME, matrixKey, { profile }));
      expect(signed).toEqual({ ...input, signatures: { domain: { "ed25519:1": signature } } });
      expect(verifyObjectSignature(signed, SERVER_NAME, matrixKeys, { profile })).toEqual({
        ok: true,
        value: ["ed25519:1"],
      });
    }
  });

  it.each(EVENT_SIGNING)("event signing: reproduces the signed $name", ({ input, sha256, signature }) => {
    const options = { profile: "matrix", redaction: MATRIX_V1_REDACTION_RULES } as const;
    const hashed = value(withContentHash(input, "pdu", options));
    const signed = value(signEvent(hashed, SERVER_NAME, matrixKey, options));
    expect(signed).toEqual({
      ...input,
      hashes: { sha256 },
      signatures: { domain: { "ed25519:1": signature } },
    });
    expect(signed.unsigned).toEqual({ age_ts: 1000000 });
    expect(verifyEventSignature(signed, SERVER_NAME, matrixKeys, options).ok).toBe(true);
    // Neither type keeps content keys, so content is covered by the content hash only;
    // a field that survives redaction is covered by the signature.
    const edited = { ...signed, content: { body: "edited" } };
    expect(verifyEventSignature(edited, SERVER_NAME, matrixKeys, options).ok).toBe(true);
    const moved = { ...signed, origin_server_ts: 1000001 };
    expect(verifyEventSignature(moved, SERVER_NAME, matrixKeys, options)).toMatchObject({
      ok: false,
      error: { code: "bad-signature" },
    });
  });
});

describe("keys", () => {
  it("rejects a seed that is not 32 bytes and key versions outside the LM grammar", () => {
    expect(signingKeyFromSeed(new Uint8Array(31), "1")).toMatchObject({
      ok: false,
      error: { code: "invalid-seed" },
    });
    for (const version of ["", "a:b", "a-b", "ключ"]) {
      expect(signingKeyFromSeed(new Uint8Array(32), version)).toMatchObject({
        ok: false,
        error: { code: "invalid-key-version" },
      });
    }
    expect(signingKeyFromSeed(new Uint8Array(32), "a_Z9").ok).toBe(true);
  });

  it("reads a published public key back, and rejects bad ones", () => {
    const key = value(verifyKeyFromBase64(matrixKey.publicKeyBase64));
    const signed = value(signObject({ a: 1 }, "domain", matrixKey));
    expect(verifyObjectSignature(signed, "domain", new Map([["ed25519:1", key]])).ok).toBe(true);
    expect(verifyKeyFromBase64("AAAA")).toMatchObject({ ok: false, error: { code: "invalid-public-key" } });
    expect(verifyKeyFromBase64("!")).toMatchObject({ ok: false, error: { code: "invalid-public-key" } });
  });

  it("generates distinct random keys", () => {
    const a = value(generateSigningKey("a"));
    const b = value(generateSigningKey("b"));
    expect(a.publicKeyBase64).not.toBe(b.publicKeyBase64);
    expect(a.keyId).toBe("ed25519:a");
  });
});

describe("signObject", () => {
  it("keeps unsigned and other signatures, and does not cover them", () => {
    const other = value(generateSigningKey("2"));
    const first = value(signObject({ a: 1, unsigned: { age: 1 } }, "x.org", matrixKey));
    const second = value(signObject({ ...first, unsigned: { age: 2 } }, "y.org", other));
    expect(second.unsigned).toEqual({ age: 2 });
    expect(Object.keys(second.signatures as JsonObject)).toEqual(["x.org", "y.org"]);
    expect(verifyObjectSignature(second, "x.org", matrixKeys).ok).toBe(true);
    expect(verifyObjectSignature(second, "y.org", new Map([["ed25519:2", other.publicKey]])).ok).toBe(true);
  });

  it("adds a second key of the same entity next to the first", () => {
    const other = value(generateSigningKey("2"));
    const signed = value(signObject(value(signObject({ a: 1 }, "x.org", matrixKey)), "x.org", other));
    expect(Object.keys((signed.signatures as JsonObject)["x.org"] as JsonObject)).toEqual([
      "ed25519:1",
      "ed25519:2",
    ]);
    const both = new Map([
      ["ed25519:1", matrixKey.publicKey],
      ["ed25519:2", other.publicKey],
    ]);
    expect(verifyObjectSignature(signed, "x.org", both)).toEqual({
      ok: true,
      value: ["ed25519:1", "ed25519:2"],
    });
  });

  it("reports malformed signatures and unencodable objects as errors", () => {
    expect(signObject({ signatures: [] as unknown as JsonObject }, "x", matrixKey)).toMatchObject({
      ok: false,
      error: { code: "expected-object", path: "$.signatures" },
    });
    expect(signObject({ signatures: { x: "s" } }, "x", matrixKey)).toMatchObject({
      ok: false,
      error: { code: "expected-object", path: "$.signatures.x" },
    });
    expect(signObject({ v: 1.5 }, "x", matrixKey, { profile: "matrix" })).toMatchObject({
      ok: false,
      error: { code: "float-not-allowed" },
    });
  });
});

describe("verifyObjectSignature: every failure has its own reason", () => {
  const signed = value(signObject({ a: 1 }, "domain", matrixKey));
  const signature = ((signed.signatures as JsonObject).domain as JsonObject)["ed25519:1"] as string;
  const withEntry = (entry: JsonObject) => ({ a: 1, signatures: { domain: entry } });
  const failure = (object: JsonObject, keys = matrixKeys) => {
    const result = verifyObjectSignature(object, "domain", keys);
    if (result.ok) throw new Error("expected a failure");
    return result.error;
  };

  it("missing signatures", () => expect(failure({ a: 1 }).code).toBe("missing-signatures"));
  it("malformed signatures", () => {
    expect(failure({ a: 1, signatures: "x" })).toMatchObject({
      code: "malformed-signatures",
      path: "$.signatures",
    });
    expect(failure({ a: 1, signatures: { domain: [] } })).toMatchObject({ code: "malformed-signatures" });
    expect(failure(withEntry({ "ed25519:1": 5 }))).toMatchObject({
      code: "malformed-signatures",
      path: '$.signatures.domain["ed25519:1"]',
    });
  });
  it("no entry for the entity", () => {
    expect(failure({ a: 1, signatures: { other: { "ed25519:1": signature } } })).toMatchObject({
      code: "no-entity-signatures",
      entity: "domain",
    });
  });
  it("unknown key ID, or an algorithm we do not understand", () => {
    expect(failure(withEntry({ "ed25519:9": signature, "curve25519:1": signature }))).toMatchObject({
      code: "no-known-key",
      keyIds: ["ed25519:9", "curve25519:1"],
    });
    expect(
      failure(withEntry({ "curve25519:1": signature }), new Map([["curve25519:1", matrixKey.publicKey]]))
        .code,
    ).toBe("no-known-key");
  });
  it("bad base64", () => {
    expect(failure(withEntry({ "ed25519:1": "not base64!" }))).toMatchObject({
      code: "bad-base64",
      keyId: "ed25519:1",
      base64Error: { code: "invalid-character" },
    });
  });
  it("bad signature: wrong length, wrong bytes, tampered object", () => {
    expect(failure(withEntry({ "ed25519:1": "AAAA" }))).toMatchObject({
      code: "bad-signature",
      keyId: "ed25519:1",
    });
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(failure(withEntry({ "ed25519:1": flipped })).code).toBe("bad-signature");
    expect(failure({ ...signed, a: 2 }).code).toBe("bad-signature");
  });
  it("accepts a padded signature (LM: SHOULD accept padded base64)", () => {
    expect(verifyObjectSignature(withEntry({ "ed25519:1": `${signature}==` }), "domain", matrixKeys).ok).toBe(
      true,
    );
  });
  it("a key that is not an Ed25519 public key", () => {
    const { publicKey } = generateKeyPairSync("x25519");
    expect(failure(signed, new Map([["ed25519:1", publicKey]]))).toMatchObject({ code: "unusable-key" });
    expect(failure(signed, new Map([["ed25519:1", matrixKey.privateKey]]))).toMatchObject({
      code: "unusable-key",
    });
  });
  it("all known keys must verify, not just one", () => {
    const other = value(generateSigningKey("2"));
    const both = new Map([
      ["ed25519:1", matrixKey.publicKey],
      ["ed25519:2", other.publicKey],
    ]);
    expect(failure(withEntry({ "ed25519:1": signature, "ed25519:2": signature }), both)).toMatchObject({
      code: "bad-signature",
      keyId: "ed25519:2",
    });
  });
});

describe("signing: properties", () => {
  it("any signed object verifies, in both profiles; changing any covered value breaks it", () => {
    const key = value(generateSigningKey("p"));
    const keys = new Map([[key.keyId, key.publicKey]]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(jsonKey, jsonValue(safeInteger, 3)), {
          minLength: 1,
          maxLength: 5,
          selector: ([k]) => k,
        }),
        fc.constantFrom("jcs", "matrix" as const),
        (entries, profile) => {
          const object = Object.fromEntries(entries.filter(([k]) => k !== "signatures" && k !== "unsigned"));
          const signed = value(signObject(object, "e.org", key, { profile }));
          expect(verifyObjectSignature(signed, "e.org", keys, { profile }).ok).toBe(true);
          const [firstKey] = Object.keys(object);
          if (firstKey === undefined) return;
          const tampered = { ...signed, [firstKey]: { tampered: [object[firstKey] ?? null] } };
          expect(verifyObjectSignature(tampered, "e.org", keys, { profile })).toMatchObject({
            ok: false,
            error: { code: "bad-signature" },
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
