/**
 * Content hashes (LM §int-pdu, §int-content-hashes). A PDU carries its own hash under the
 * algorithm's name and, when it went through the hub, the participant's LPDU hash under `lpdu`;
 * an LPDU carries only `lpdu`. SHA-256 is the only algorithm LM names; hashes under other names
 * are kept but not checked.
 *
 * @module
 */
import { Schema } from "effect";
import { Sha256Hash } from "./base64.ts";
import { openStruct } from "./open-object.ts";
import type { PathIssue } from "./path-issue.ts";

/** The hashes of one form of an event, by algorithm: `{ "sha256": … }`. */
export const ContentHashes = openStruct({ sha256: Sha256Hash }).pipe(
  Schema.annotate({
    identifier: "ContentHashes",
    description: "Content hashes by algorithm; sha256 is required.",
    examples: [{ sha256: "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos" } as never],
  }),
);

/**
 * The `hashes` of a fully-formed event (PDU): its own `sha256`, and `lpdu` exactly when the event
 * has a `hub_server` (that rule spans two fields, so `FullyFormedEvent` checks it).
 */
export const EventHashes = openStruct({ sha256: Sha256Hash, lpdu: Schema.optionalKey(ContentHashes) }).pipe(
  Schema.annotate({
    identifier: "EventHashes",
    description:
      "The hashes of a PDU: its content hash, plus the LPDU's under 'lpdu' when hub_server is set.",
  }),
);

/** The hashes of a PDU. */
export type EventHashes = typeof EventHashes.Type;

/** LM §int-lpdu: "The participant server MUST NOT populate … `hashes` (except `hashes.lpdu`)". */
function onlyLpdu(hashes: object): PathIssue[] {
  return Object.keys(hashes)
    .filter((key) => key !== "lpdu")
    .map((key) => ({
      path: [key],
      issue: `an LPDU carries only hashes.lpdu; hashes.${key} covers fields the hub adds, so only the hub may set it (LM §int-lpdu)`,
    }));
}

/** The `hashes` of a limited event (LPDU): only `lpdu`, the participant's content hash. */
export const LpduHashes = openStruct({ lpdu: ContentHashes }).pipe(
  Schema.check(
    Schema.makeFilter(onlyLpdu, {
      expected: "hashes with only an lpdu entry",
      toJsonSchema: () => ({ propertyNames: { const: "lpdu" } }),
      arbitraryConstraint: { maxProperties: 1 },
    }),
  ),
  Schema.annotate({
    identifier: "LpduHashes",
    description: "The hashes of an LPDU: only 'lpdu', the participant's content hash of the partial event.",
  }),
);

/** The hashes of an LPDU. */
export type LpduHashes = typeof LpduHashes.Type;
