/**
 * `m.room.encrypted` content (LM §int-ev-encrypted): an MLS application message. LM: "Clients
 * SHOULD treat `m.room.encrypted` events which are improperly structured as undecryptable
 * events"; the schema is how a client tells.
 *
 * @module
 */
import { Schema } from "effect";
import { UnpaddedBase64 } from "../base64.ts";
import { EventId } from "../event-id.ts";
import { openStruct } from "../open-object.ts";
import { EncryptionAlgorithm, LM_MLS_ALGORITHM } from "./create.ts";

/** `m.room.encrypted` content: `algorithm`, `ciphertext` (unpadded base64) and `commit_event_id`. */
export const EncryptedEventContent = openStruct({
  algorithm: EncryptionAlgorithm,
  ciphertext: UnpaddedBase64,
  commit_event_id: EventId,
}).pipe(
  Schema.annotate({
    identifier: "EncryptedEventContent",
    description:
      "m.room.encrypted content: the algorithm, the MLS ciphertext in unpadded base64, and the ID of the m.mls.commit event whose epoch encrypted it.",
    examples: [
      {
        algorithm: LM_MLS_ALGORITHM,
        ciphertext: "AAEC",
        commit_event_id: "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc",
      } as never,
    ],
  }),
);

/** The content of an encrypted event. */
export type EncryptedEventContent = typeof EncryptedEventContent.Type;
