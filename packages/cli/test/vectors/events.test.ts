import {
  decodeBase64,
  type JsonObject,
  lpduFormOf,
  parseJson,
  verifyEventSignature,
  verifyKeyFromBase64,
} from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { eventVectorFile } from "../../src/vectors/events.ts";
import type { EventResults, EventVector } from "../../src/vectors/shapes.ts";

const file = eventVectorFile();
const vector = (id: string) => file.vectors.find((v) => v.id === id) as EventVector;
const results = (id: string) => vector(id).expected as EventResults;

describe("event vectors", () => {
  it("hold every case in both profiles", () => {
    const jcs = file.vectors.filter((v) => v.profile === "jcs").map((v) => v.id.replace("/jcs/", "/"));
    const matrix = file.vectors
      .filter((v) => v.profile === "matrix")
      .map((v) => v.id.replace("/matrix/", "/"));
    expect(jcs).toEqual(matrix);
    expect(jcs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(file.vectors.map((v) => v.form))).toEqual(new Set(["lpdu", "pdu"]));
  });

  it("order non-BMP keys differently in the two profiles", () => {
    const jcs = results("events/jcs/lpdu-message").canonical;
    const matrix = results("events/matrix/lpdu-message").canonical;
    // JCS sorts by UTF-16 code units: U+1F600 (D83D…) before U+FB33; Matrix by code point: after.
    expect(jcs.indexOf('"\u{1F600}":')).toBeLessThan(jcs.indexOf('"\uFB33":'));
    expect(matrix.indexOf('"\u{1F600}":')).toBeGreaterThan(matrix.indexOf('"\uFB33":'));
  });

  it("write floats under JCS and reject them under Matrix canonical JSON", () => {
    expect(results("events/jcs/lpdu-floats").canonical).toContain('"large":1e+30');
    expect(vector("events/matrix/lpdu-floats").expected).toMatchObject({
      rejected: { code: "float-not-allowed" },
    });
  });

  it("give PDUs an event ID made of their reference hash, and LPDUs none", () => {
    for (const v of file.vectors) {
      if ("rejected" in v.expected) continue;
      if (v.form === "pdu") expect(v.expected.eventId).toBe(`$${v.expected.referenceHash}`);
      else expect(v.expected.eventId).toBeUndefined();
    }
  });

  it("have canonical forms that read back as the event", () => {
    for (const v of file.vectors) {
      if ("rejected" in v.expected) continue;
      const parsed = parseJson(v.expected.canonical);
      expect(parsed.ok && JSON.stringify(parsed.value), v.id).toBeTruthy();
      expect(JSON.parse(v.expected.canonical), v.id).toEqual(JSON.parse(JSON.stringify(v.event)));
    }
  });

  it("redact as LM says: membership kept, display name and unknown top-level keys dropped", () => {
    expect(results("events/jcs/pdu-member-join").redacted.content).toEqual({ membership: "join" });
    expect(results("events/jcs/pdu-name").redacted.content).toEqual({});
    expect(results("events/jcs/pdu-unsigned-and-unknown-keys").redacted).not.toHaveProperty(
      "org.example.top_level",
    );
    expect(vector("events/jcs/pdu-content-not-object").expected).toMatchObject({
      rejected: { code: "expected-object" },
    });
  });

  it("carry signatures that verify with the published test keys", () => {
    const keys = new Map(
      Object.entries(file.keys).map(([server, k]) => {
        const key = verifyKeyFromBase64(k.publicKey);
        if (!key.ok) throw new Error(key.error.message);
        return [`${server} ${k.keyId}`, key.value] as const;
      }),
    );
    expect(decodeBase64(file.keys["hub.example"]?.seed ?? "").ok).toBe(true);
    let verified = 0;
    for (const v of file.vectors) {
      if ("rejected" in v.expected) continue;
      const signatures = v.event.signatures as Record<string, Record<string, string>>;
      for (const [server, byKey] of Object.entries(signatures))
        for (const keyId of Object.keys(byKey)) {
          // The participant signed the LPDU; in a PDU its signature covers the LPDU form.
          const lpdu = lpduFormOf(v.event as JsonObject);
          const signed =
            v.form === "pdu" && server === "participant.example" && lpdu.ok ? lpdu.value : v.event;
          const key = keys.get(`${server} ${keyId}`);
          if (key === undefined) throw new Error(`no key ${server} ${keyId}`);
          const outcome = verifyEventSignature(signed as JsonObject, server, new Map([[keyId, key]]), {
            profile: v.profile,
          });
          expect(outcome.ok, `${v.id} ${server}`).toBe(true);
          verified++;
        }
    }
    expect(verified).toBeGreaterThan(20);
  });
});
