/**
 * The Matrix "Cryptographic Test Vectors", transcribed from matrix-org/matrix-spec,
 * content/appendices.md (§ Cryptographic Test Vectors: Signing Key, JSON Signing, Event
 * Signing). They use Matrix canonical JSON and the room-version-1 event format.
 */
import type { JsonObject } from "../../src/canonical/json-value.ts";

export const SIGNING_KEY_SEED = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1";
export const SERVER_NAME = "domain";
export const KEY_VERSION = "1"; // KEY_ID = "ed25519:1"

/** "JSON Signing": input objects and the signature the algorithm must emit. */
export const JSON_SIGNING: ReadonlyArray<{ input: JsonObject; signature: string }> = [
  {
    input: {},
    signature: "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ",
  },
  {
    input: { one: 1, two: "Two" },
    signature: "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw",
  },
];

/** "Event Signing": input events, their content hash and the signature on the redacted event. */
export const EVENT_SIGNING: ReadonlyArray<{
  name: string;
  input: JsonObject;
  sha256: string;
  signature: string;
}> = [
  {
    name: "minimally-sized event",
    input: {
      room_id: "!x:domain",
      sender: "@a:domain",
      origin: "domain",
      origin_server_ts: 1000000,
      signatures: {},
      hashes: {},
      type: "X",
      content: {},
      prev_events: [],
      auth_events: [],
      depth: 3,
      unsigned: { age_ts: 1000000 },
    },
    sha256: "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos",
    signature: "KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg",
  },
  {
    name: "event containing redactable content",
    input: {
      content: { body: "Here is the message content" },
      event_id: "$0:domain",
      origin: "domain",
      origin_server_ts: 1000000,
      type: "m.room.message",
      room_id: "!r:domain",
      sender: "@u:domain",
      signatures: {},
      unsigned: { age_ts: 1000000 },
    },
    sha256: "onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g",
    signature: "Wm+VzmOUOz08Ds+0NTWb1d4CZrVsJSikkeRxh6aCcUwu6pNC78FunoD7KNWzqFn241eYHYMGCA5McEiVPdhzBA",
  },
];
