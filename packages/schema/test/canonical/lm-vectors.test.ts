/**
 * Our own test vectors for Linearized Matrix events (no MIMI draft publishes any): a
 * hub-originated event, a limited event (LPDU) as a participant sends it, and the fully-formed
 * PDU the hub makes from it, with content hashes, the LPDU hash, reference hashes, event IDs and
 * redacted forms, in both canonical profiles.
 *
 * The values were computed by this package and saved in `fixtures/lm-vectors.json`; this test
 * recomputes them and compares, so any change to an algorithm shows up here. To regenerate
 * after an intended change: `UPDATE_LM_VECTORS=1 pnpm vitest run --project schema lm-vectors`,
 * then review the diff. The events are hashing vectors, not a valid room history.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodeBase64 } from "../../src/canonical/base64.ts";
import type { CanonicalProfile } from "../../src/canonical/canonical-json.ts";
import {
  computeContentHash,
  computeEventId,
  computeReferenceHash,
  lpduFormOf,
  sha256,
  verifyContentHash,
  withContentHash,
} from "../../src/canonical/hashes.ts";
import { type JsonObject, type JsonValue, omitKeys } from "../../src/canonical/json-value.ts";
import { redactEvent } from "../../src/canonical/redaction.ts";
import { parseJson } from "../../src/canonical/safe-parse.ts";
import { signEvent, signingKeyFromSeed, verifyEventSignature } from "../../src/canonical/signing.ts";

const FIXTURE = new URL("./fixtures/lm-vectors.json", import.meta.url);

function value<A>(result: { ok: true; value: A } | { ok: false; error: unknown }): A {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Deterministic test keys: the seed is SHA-256 of a label naming the server. */
function testKey(server: string) {
  const seed = sha256(new TextEncoder().encode(`mimi-spec LM test vector key: ${server}`));
  const key = value(signingKeyFromSeed(seed, "1"));
  return {
    server,
    key,
    description: { server, keyId: key.keyId, seed: encodeBase64(seed), publicKey: key.publicKeyBase64 },
  };
}

const HUB = testKey("first.example.org");
const PARTICIPANT = testKey("second.example.org");
const ROOM = "!abc:first.example.org";

/** The hub's own event: no `hub_server`, no `hashes.lpdu` (as eigen-server sends them). */
const HUB_EVENT_INPUT: JsonObject = {
  room_id: ROOM,
  type: "m.room.create",
  state_key: "",
  sender: "@alice:first.example.org",
  origin_server_ts: 1681340188000,
  content: { room_version: "I.1", "org.example.creator_note": "kept: create keeps all content" },
  auth_events: [],
  prev_events: [],
};

/** What the participant fills in. Content has non-BMP keys, so the two profiles differ. */
const LPDU_INPUT: JsonObject = {
  room_id: ROOM,
  type: "m.room.message",
  sender: "@bob:second.example.org",
  origin_server_ts: 1681340188825,
  hub_server: HUB.server,
  content: {
    body: "Hello from second.example.org \u{1F600}",
    "org.example.reactions": { "\u{1F600}": 1, "\uFB33": 2 },
  },
};

function computeVectors(profile: CanonicalProfile) {
  const options = { profile };
  // Hub-originated event: content hash, then the hub signs the redacted event.
  const hubEvent = value(
    signEvent(value(withContentHash(HUB_EVENT_INPUT, "pdu", options)), HUB.server, HUB.key, options),
  );
  const hubEventId = value(computeEventId(hubEvent, options));

  // Participant: LPDU content hash into hashes.lpdu, then sign the (redacted) LPDU.
  const lpdu = value(
    signEvent(
      value(withContentHash(LPDU_INPUT, "lpdu", options)),
      PARTICIPANT.server,
      PARTICIPANT.key,
      options,
    ),
  );

  // Hub: add auth_events / prev_events, the PDU content hash, its own signature; unsigned is extra.
  const pduUnsigned = { ...lpdu, auth_events: [hubEventId], prev_events: [hubEventId] };
  const pduHashed = value(withContentHash(pduUnsigned, "pdu", options));
  const pdu: JsonObject = {
    ...value(signEvent(pduHashed, HUB.server, HUB.key, options)),
    unsigned: { age: 1234 },
  };

  return {
    hubEvent: {
      event: hubEvent,
      contentHash: value(computeContentHash(hubEvent, "pdu", options)),
      referenceHash: value(computeReferenceHash(hubEvent, options)),
      eventId: hubEventId,
      redacted: value(redactEvent(hubEvent)),
    },
    lpdu: {
      event: lpdu,
      contentHash: value(computeContentHash(lpdu, "lpdu", options)),
      // How an LPDU's own ID is computed is not specified by LM; this applies the PDU algorithm.
      eventId: value(computeEventId(lpdu, options)),
    },
    pdu: {
      event: pdu,
      contentHash: value(computeContentHash(pdu, "pdu", options)),
      lpduContentHash: value(computeContentHash(value(lpduFormOf(pdu)), "lpdu", options)),
      referenceHash: value(computeReferenceHash(pdu, options)),
      eventId: value(computeEventId(pdu, options)),
      redacted: value(redactEvent(pdu)),
      lpduForm: value(lpduFormOf(pdu)),
    },
  };
}

function computeAll(): JsonValue {
  return {
    $comment:
      "Linearized Matrix test vectors computed by @mimi-spec/schema (packages/schema/src/canonical). " +
      "Seeds are SHA-256 of 'mimi-spec LM test vector key: <server>'. Regenerate with UPDATE_LM_VECTORS=1.",
    keys: { hub: HUB.description, participant: PARTICIPANT.description },
    inputs: { hubEvent: HUB_EVENT_INPUT, lpdu: LPDU_INPUT },
    jcs: computeVectors("jcs"),
    matrix: computeVectors("matrix"),
  } as unknown as JsonValue;
}

describe("LM test vectors (fixtures/lm-vectors.json)", () => {
  const computed = computeAll();
  if (process.env.UPDATE_LM_VECTORS === "1") writeFileSync(FIXTURE, `${JSON.stringify(computed, null, 2)}\n`);

  it("recomputes exactly the saved vectors", () => {
    const saved = parseJson(readFileSync(FIXTURE, "utf8"));
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(computed).toEqual(JSON.parse(JSON.stringify(saved.value)));
  });

  for (const profile of ["jcs", "matrix"] as const) {
    describe(profile, () => {
      const v = computeVectors(profile);
      const options = { profile };
      const hubKeys = new Map([[HUB.key.keyId, HUB.key.publicKey]]);
      const participantKeys = new Map([[PARTICIPANT.key.keyId, PARTICIPANT.key.publicKey]]);

      it("the hub signed its own event and the PDU; the participant signed the LPDU form", () => {
        expect(verifyEventSignature(v.hubEvent.event, HUB.server, hubKeys, options).ok).toBe(true);
        expect(verifyEventSignature(v.pdu.event, HUB.server, hubKeys, options).ok).toBe(true);
        expect(verifyEventSignature(v.lpdu.event, PARTICIPANT.server, participantKeys, options).ok).toBe(
          true,
        );
        expect(verifyEventSignature(v.pdu.lpduForm, PARTICIPANT.server, participantKeys, options).ok).toBe(
          true,
        );
        // The participant's signature does not cover the hub's additions.
        expect(verifyEventSignature(v.pdu.event, PARTICIPANT.server, participantKeys, options).ok).toBe(
          false,
        );
      });

      it("the PDU carries the LPDU's hash and signature unchanged, and rebuilds to the LPDU", () => {
        expect(v.pdu.lpduContentHash).toBe(v.lpdu.contentHash);
        expect((v.pdu.event.hashes as JsonObject).lpdu).toEqual({ sha256: v.lpdu.contentHash });
        const signatures = v.pdu.event.signatures as JsonObject;
        expect(signatures[PARTICIPANT.server]).toEqual(
          (v.lpdu.event.signatures as JsonObject)[PARTICIPANT.server],
        );
        expect(omitKeys(v.pdu.lpduForm, ["signatures"])).toEqual(omitKeys(v.lpdu.event, ["signatures"]));
      });

      it("both content hashes check out, and the event ID is $ + the reference hash", () => {
        expect(value(verifyContentHash(v.pdu.event, "pdu", options)).matches).toBe(true);
        expect(value(verifyContentHash(v.pdu.lpduForm, "lpdu", options)).matches).toBe(true);
        expect(value(verifyContentHash(v.hubEvent.event, "pdu", options)).matches).toBe(true);
        expect(v.pdu.eventId).toBe(`$${v.pdu.referenceHash}`);
        expect(v.pdu.eventId).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
        expect(v.pdu.eventId).not.toBe(v.lpdu.eventId);
      });

      it("a modified message breaks the content hash but keeps the event ID (content is redacted)", () => {
        const modified = { ...v.pdu.event, content: { body: "forged" } };
        expect(value(verifyContentHash(modified, "pdu", options)).matches).toBe(false);
        expect(computeEventId(modified, options)).toEqual({ ok: true, value: v.pdu.eventId });
        expect(v.pdu.redacted.content).toEqual({});
        expect(v.hubEvent.redacted.content).toEqual(HUB_EVENT_INPUT.content);
      });
    });
  }

  it("the profiles give different hashes for the non-BMP message and the same for the ASCII create event", () => {
    const jcs = computeVectors("jcs");
    const matrix = computeVectors("matrix");
    expect(jcs.lpdu.contentHash).not.toBe(matrix.lpdu.contentHash);
    expect(jcs.pdu.eventId).not.toBe(matrix.pdu.eventId);
    expect(jcs.hubEvent.eventId).toBe(matrix.hubEvent.eventId);
  });
});
