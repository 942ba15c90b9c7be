/**
 * The `signatures` of an event (LM §int-pdu, §int-signing): server name → key ID → signature.
 * Which entries must be present and valid is the signature check's business (the sender's
 * server, and `hub_server` when set); this schema only fixes the shape.
 *
 * @module
 */
import { Schema } from "effect";
import { ServerName } from "../identifiers/server-name.ts";
import { Ed25519Signature } from "./base64.ts";
import { KeyId } from "./key-id.ts";
import { validKeys } from "./record-keys.ts";

/** The signatures of one server: key ID → Ed25519 signature. */
export const ServerSignatures = Schema.Record(Schema.String, Ed25519Signature).pipe(
  Schema.check(validKeys(KeyId, "key ID")),
  Schema.annotate({
    identifier: "ServerSignatures",
    description:
      "One server's signatures on an event: key ID (ed25519:<version>) → unpadded base64 signature.",
  }),
);

/** Every signature on an event: server name → key ID → signature. May be empty. */
export const Signatures = Schema.Record(Schema.String, ServerSignatures).pipe(
  Schema.check(validKeys(ServerName, "server name")),
  Schema.annotate({
    identifier: "Signatures",
    description: "The signatures on an event, keyed by server name, then by key ID.",
    examples: [
      {
        "example.org": {
          "ed25519:1":
            "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ",
        },
      } as never,
    ],
  }),
);

/** The signatures of an event. */
export type Signatures = typeof Signatures.Type;
