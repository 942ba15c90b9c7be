import { describe, expect, it } from "vitest";
import { decodeBase64Url } from "../../src/canonical/base64.ts";
import { canonicalize } from "../../src/canonical/canonical-json.ts";
import {
  computeContentHash,
  computeEventId,
  computeReferenceHash,
  contentHashInput,
  lpduFormOf,
  sha256,
  verifyContentHash,
  withContentHash,
} from "../../src/canonical/hashes.ts";
import type { JsonObject } from "../../src/canonical/json-value.ts";
import { MATRIX_V1_REDACTION_RULES } from "./matrix-v1-rules.ts";
import { EVENT_SIGNING } from "./matrix-vectors.ts";

function value<A>(result: { ok: true; value: A } | { ok: false; error: unknown }): A {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const lpdu: JsonObject = {
  room_id: "!abc:first.example.org",
  type: "m.room.member",
  state_key: "@alice:first.example.org",
  sender: "@bob:second.example.org",
  origin_server_ts: 1681340188825,
  hub_server: "first.example.org",
  content: { membership: "invite", reason: "come chat" },
};

describe("content hash (LM §int-content-hashes)", () => {
  it.each(EVENT_SIGNING)("reproduces the Matrix content hash of the $name", ({ input, sha256: expected }) => {
    // Matrix's algorithm drops `hashes` entirely: LM's LPDU rule, and LM's PDU rule when no lpdu hash exists.
    expect(computeContentHash(input, "lpdu", { profile: "matrix" })).toEqual({ ok: true, value: expected });
    expect(computeContentHash(input, "pdu", { profile: "matrix" })).toEqual({ ok: true, value: expected });
  });

  it("LPDU: ignores signatures, unsigned and every hash", () => {
    const plain = value(computeContentHash(lpdu, "lpdu"));
    const decorated = {
      ...lpdu,
      signatures: { x: { "ed25519:1": "s" } },
      unsigned: { age: 1 },
      hashes: { lpdu: { sha256: "h" } },
    };
    expect(computeContentHash(decorated, "lpdu")).toEqual({ ok: true, value: plain });
  });

  it("PDU: covers hashes.lpdu but no other hash, nor signatures or unsigned", () => {
    const pdu = { ...lpdu, auth_events: ["$a"], prev_events: ["$p"], hashes: { lpdu: { sha256: "L" } } };
    const h = value(computeContentHash(pdu, "pdu"));
    expect(
      computeContentHash({ ...pdu, hashes: { lpdu: { sha256: "L" }, sha256: "old", sha512: "x" } }, "pdu"),
    ).toEqual({
      ok: true,
      value: h,
    });
    expect(value(computeContentHash({ ...pdu, hashes: { lpdu: { sha256: "M" } } }, "pdu"))).not.toBe(h);
    expect(value(contentHashInput(pdu, "pdu")).hashes).toEqual({ lpdu: { sha256: "L" } });
  });

  it("PDU without an lpdu hash: the hash is the same before and after hashes.sha256 is added", () => {
    const hubEvent = { ...lpdu, auth_events: [], prev_events: [] } as JsonObject;
    const before = value(computeContentHash(hubEvent, "pdu"));
    const after = value(withContentHash(hubEvent, "pdu"));
    expect(after.hashes).toEqual({ sha256: before });
    expect(computeContentHash(after, "pdu")).toEqual({ ok: true, value: before });
  });

  it("is the standard unpadded base64 of SHA-256 over the canonical bytes", () => {
    const canonical = value(canonicalize(value(contentHashInput(lpdu, "lpdu"))));
    const digest = Buffer.from(sha256(new TextEncoder().encode(canonical)))
      .toString("base64")
      .replace(/=+$/, "");
    expect(computeContentHash(lpdu, "lpdu")).toEqual({ ok: true, value: digest });
    expect(digest).toMatch(/^[A-Za-z0-9+/]{43}$/);
  });

  it("depends on the profile when keys are non-BMP", () => {
    const event = { ...lpdu, content: { "\uFB33": 1, "\u{1F600}": 2 } };
    expect(computeContentHash(event, "lpdu", { profile: "jcs" })).not.toEqual(
      computeContentHash(event, "lpdu", { profile: "matrix" }),
    );
  });

  it("reports malformed input as errors", () => {
    expect(computeContentHash({ ...lpdu, hashes: [] as unknown as JsonObject }, "pdu")).toMatchObject({
      ok: false,
      error: { code: "expected-object", path: "$.hashes" },
    });
    expect(computeContentHash({ ...lpdu, content: { x: 0.5 } }, "lpdu", { profile: "matrix" })).toMatchObject(
      {
        ok: false,
        error: { code: "float-not-allowed", path: "$.content.x" },
      },
    );
  });
});

describe("withContentHash / verifyContentHash / lpduFormOf", () => {
  it("fills hashes.lpdu for an LPDU and keeps it when the hub adds hashes.sha256", () => {
    const hashedLpdu = value(withContentHash(lpdu, "lpdu"));
    const lpduHash = value(computeContentHash(lpdu, "lpdu"));
    expect(hashedLpdu.hashes).toEqual({ lpdu: { sha256: lpduHash } });
    const pdu = value(withContentHash({ ...hashedLpdu, auth_events: ["$a"], prev_events: ["$p"] }, "pdu"));
    expect((pdu.hashes as JsonObject).lpdu).toEqual({ sha256: lpduHash });
    expect(value(verifyContentHash(pdu, "pdu")).matches).toBe(true);
    expect(value(verifyContentHash(value(lpduFormOf(pdu)), "lpdu")).matches).toBe(true);
  });

  it("rebuilds the LPDU from the PDU exactly (minus nothing the participant set)", () => {
    const hashedLpdu = value(withContentHash(lpdu, "lpdu"));
    const pdu = value(
      withContentHash(
        { ...hashedLpdu, auth_events: ["$a"], prev_events: ["$p"], unsigned: { age: 1 } },
        "pdu",
      ),
    );
    expect(lpduFormOf(pdu)).toEqual({ ok: true, value: hashedLpdu });
    expect(lpduFormOf(lpdu)).toMatchObject({
      ok: false,
      error: { code: "missing-field", path: "$.hashes.lpdu" },
    });
  });

  it("detects a modified event, accepts a padded claimed hash, and reports a missing one", () => {
    const pdu = value(withContentHash({ ...lpdu, auth_events: [], prev_events: [] }, "pdu"));
    const claimed = (pdu.hashes as JsonObject).sha256 as string;
    expect(value(verifyContentHash({ ...pdu, content: { membership: "ban" } }, "pdu")).matches).toBe(false);
    expect(value(verifyContentHash({ ...pdu, hashes: { sha256: `${claimed}=` } }, "pdu")).matches).toBe(true);
    expect(value(verifyContentHash({ ...pdu, hashes: { sha256: "!!" } }, "pdu")).matches).toBe(false);
    expect(verifyContentHash(lpdu, "pdu")).toMatchObject({
      ok: false,
      error: { code: "missing-field", path: "$.hashes.sha256" },
    });
  });
});

describe("reference hash and event ID (LM §int-reference-hashes)", () => {
  it("is a 43-character URL-safe hash behind a $", () => {
    const id = value(computeEventId(lpdu));
    expect(id).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
    expect(value(decodeBase64Url(id.slice(1))).length).toBe(32);
  });

  it("ignores what redaction strips, signatures and unsigned", () => {
    const id = value(computeEventId(lpdu));
    expect(computeEventId({ ...lpdu, content: { membership: "invite" } })).toEqual({ ok: true, value: id });
    expect(computeEventId({ ...lpdu, unsigned: { a: 1 }, signatures: { s: {} }, extra: 1 })).toEqual({
      ok: true,
      value: id,
    });
    expect(computeEventId({ ...lpdu, content: { membership: "join" } })).not.toEqual({ ok: true, value: id });
    expect(computeEventId({ ...lpdu, hub_server: "other.example.org" })).not.toEqual({ ok: true, value: id });
  });

  it("uses the redaction rules and profile it is given", () => {
    const [vector] = EVENT_SIGNING;
    const input = vector?.input as JsonObject;
    const lm = value(computeReferenceHash(input));
    const v1 = value(
      computeReferenceHash(input, { redaction: MATRIX_V1_REDACTION_RULES, profile: "matrix" }),
    );
    expect(lm).not.toBe(v1); // v1 keeps origin and depth, LM drops them
  });

  it("reports a malformed event", () => {
    expect(computeEventId({ ...lpdu, content: [] as unknown as JsonObject })).toMatchObject({
      ok: false,
      error: { code: "expected-object", path: "$.content" },
    });
  });
});
