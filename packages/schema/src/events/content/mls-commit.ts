/**
 * `m.mls.commit` content (LM §int-ev-mls-commit): an MLS commit as a PublicMessage, so the hub
 * can check membership changes (PRIV-1: commits may be public), and the public group state for
 * external joins.
 *
 * @module
 */
import { Schema } from "effect";
import { UnpaddedBase64 } from "../base64.ts";
import { EventId } from "../event-id.ts";
import { openStruct } from "../open-object.ts";

/**
 * `m.mls.commit` content: `message` (a PublicMessage) and `public_group_state`, both unpadded
 * base64; `prev_commit_event_id` SHOULD name the parent commit when there is one.
 */
export const MlsCommitContent = openStruct({
  message: UnpaddedBase64,
  public_group_state: UnpaddedBase64,
  prev_commit_event_id: Schema.optionalKey(EventId),
}).pipe(
  Schema.annotate({
    identifier: "MlsCommitContent",
    description:
      "m.mls.commit content: message (MLS PublicMessage) and public_group_state in unpadded base64, and the parent commit's event ID when there is one.",
    examples: [{ message: "AAEC", public_group_state: "AwQF" } as never],
  }),
);

/** The content of an MLS commit event. */
export type MlsCommitContent = typeof MlsCommitContent.Type;
