/**
 * The two forms of an event (LM §int-pdu, §int-lpdu; SIG-seed's "limited" and "fully-formed"
 * events): the LPDU a participant sends to the hub, and the PDU the hub forms from it and fans
 * out. Both check every top-level field and the rules between them (`envelope-rules.ts`), keep
 * keys they do not know, and treat `content` as an open object: LM's receivers "MUST NOT assume
 * the content is safe or accurately represented", so content schemas are a separate layer
 * (`views.ts`).
 *
 * @module
 */
import { Schema } from "effect";
import { RoomId } from "../identifiers/room-id.ts";
import { ServerName } from "../identifiers/server-name.ts";
import { UserId } from "../identifiers/user-id.ts";
import { LPDU_RULES, PDU_RULES } from "./envelope-rules.ts";
import { EventId } from "./event-id.ts";
import { EventType, StateKey } from "./event-type.ts";
import { withFastDecoders } from "./fast-decoder.ts";
import { rulesFilter } from "./field-rules.ts";
import { EventHashes, LpduHashes } from "./hashes.ts";
import { Timestamp } from "./numbers.ts";
import { OpenObject, openStruct } from "./open-object.ts";
import { Signatures } from "./signatures.ts";

/**
 * The fields both forms share, except the three every per-type view replaces (`type`,
 * `state_key`, `content`; see {@link ENVELOPE_FIELDS}).
 */
export const ENVELOPE_BASE_FIELDS = {
  room_id: RoomId,
  sender: UserId,
  origin_server_ts: Timestamp,
  hub_server: Schema.optionalKey(ServerName),
  signatures: Signatures,
};

/** The fields both forms share: any type, an optional state key, and open content. */
export const ENVELOPE_FIELDS = {
  ...ENVELOPE_BASE_FIELDS,
  type: EventType,
  state_key: Schema.optionalKey(StateKey),
  content: OpenObject,
};

/** The fields only a limited event (LPDU) has: `hashes` with only `lpdu`. */
export const LPDU_ONLY_FIELDS = { hashes: LpduHashes };

/** The fields only a fully-formed event (PDU) has: full hashes, and the hub's references. */
export const PDU_ONLY_FIELDS = {
  hashes: EventHashes,
  auth_events: Schema.Array(EventId),
  prev_events: Schema.Array(EventId),
};

/** The fields of a limited event (LPDU). */
export const LPDU_FIELDS = { ...ENVELOPE_FIELDS, ...LPDU_ONLY_FIELDS };

/** The fields of a fully-formed event (PDU). */
export const PDU_FIELDS = { ...ENVELOPE_FIELDS, ...PDU_ONLY_FIELDS };

/** The cross-field rules of an LPDU as a filter (see `lpduIssues` and {@link LPDU_RULES}). */
export function lpduRules() {
  return rulesFilter(LPDU_RULES);
}

/** The cross-field rules of a PDU as a filter (see `pduIssues` and {@link PDU_RULES}). */
export function pduRules() {
  return rulesFilter(PDU_RULES);
}

/**
 * A limited event (LM's LPDU): what a participant server sends the hub. It carries no
 * `auth_events` or `prev_events`, and of the hashes only `hashes.lpdu`, the participant's content
 * hash of this partial event. Whether it already names `hub_server` is OQ-EVENT-1 (the default
 * profile: the participant sets it, so its signature covers it); the schema allows both.
 */
export const LimitedEvent = withFastDecoders(
  openStruct(LPDU_FIELDS).pipe(
    Schema.check(lpduRules()),
    Schema.annotate({
      identifier: "LimitedEvent",
      description:
        "A limited event (LPDU): room_id, type, state_key?, sender, origin_server_ts, hub_server?, content, hashes {lpdu}, signatures; no auth_events or prev_events.",
    }),
  ),
);

/** A limited event (LPDU). */
export type LimitedEvent = typeof LimitedEvent.Type;

/**
 * A fully-formed event (LM's PDU): what the hub appends to the room and fans out. It adds
 * `auth_events` and `prev_events` (exactly one parent when `hub_server` is set; none on
 * `m.room.create`) and its own content hash; `hashes.lpdu` is present exactly when `hub_server`
 * is. There is no `event_id` field: the ID is the reference hash (`computeEventId`).
 */
export const FullyFormedEvent = withFastDecoders(
  openStruct(PDU_FIELDS).pipe(
    Schema.check(pduRules()),
    Schema.annotate({
      identifier: "FullyFormedEvent",
      description:
        "A fully-formed event (PDU): the LPDU fields plus auth_events, prev_events and hashes {sha256, lpdu iff hub_server}; canonical JSON at most 65536 bytes.",
    }),
  ),
);

/** A fully-formed event (PDU). */
export type FullyFormedEvent = typeof FullyFormedEvent.Type;
