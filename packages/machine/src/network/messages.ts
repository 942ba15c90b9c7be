/**
 * The messages servers send each other. In the `network` delivery mode they stay in flight,
 * where the network may deliver, drop or duplicate them in any order.
 *
 * @module
 */
import type { RoomId, ServerName } from "@mimi-spec/schema";
import type { EventId, FullEvent, LimitedEvent } from "../event.ts";
import type { RoomSummary } from "../server/server.ts";
import type { Verdict } from "../verdict.ts";
import type { PreviewInputs } from "../visibility/preview.ts";

/** Fields every message has. */
interface Addressed {
  readonly from: ServerName;
  readonly to: ServerName;
  readonly room: RoomId;
}

/** A server submits an event to the hub (LM `PUT /send/:txnId`); retries reuse `txn`. */
export interface SubmitMessage extends Addressed {
  readonly kind: "submit";
  readonly txn: string;
  readonly event: LimitedEvent | FullEvent;
}
/** The hub's answer to a submission. */
export interface ResultMessage extends Addressed {
  readonly kind: "result";
  readonly txn: string;
  readonly verdict: Verdict;
  readonly eventId?: EventId;
}
/** The hub fans out one fully-formed event. */
export interface EventMessage extends Addressed {
  readonly kind: "event";
  readonly event: FullEvent;
}
/** The hub sends a run of events (to a server that just joined, or answering a backfill). */
export interface HistoryMessage extends Addressed {
  readonly kind: "history";
  readonly events: ReadonlyArray<FullEvent>;
}
/** The hub tells a server outside the room that one of its users is invited. */
export interface InviteMessage extends Addressed {
  readonly kind: "invite";
  readonly event: FullEvent;
  readonly summary: RoomSummary;
  /** What the invitee's preview is made from (first contact, SHARING-1..9). */
  readonly previewInputs: PreviewInputs;
}
/** A server asks the hub for the events after its first `after`. */
export interface BackfillMessage extends Addressed {
  readonly kind: "backfill";
  readonly after: number;
}

/** Any message. */
export type Message =
  | SubmitMessage
  | ResultMessage
  | EventMessage
  | HistoryMessage
  | InviteMessage
  | BackfillMessage;

/** A message in flight, with its id (traces name messages by id). */
export interface Envelope {
  readonly id: number;
  readonly message: Message;
}

/** One line describing a message, for effects and summaries. */
export function describeMessage(envelope: Envelope): string {
  const m = envelope.message;
  const head = `#${envelope.id} ${m.kind} ${m.from} → ${m.to}`;
  switch (m.kind) {
    case "submit":
      return `${head} txn ${m.txn}: ${m.event.type} from ${m.event.sender}`;
    case "result":
      return `${head} txn ${m.txn}: ${m.verdict.accepted ? `accepted ${m.eventId ?? ""}`.trim() : `rejected by ${m.verdict.guard}`}`;
    case "event":
      return `${head} ${m.event.event_id} (${m.event.type})`;
    case "history":
      return `${head} ${m.events.length} event(s) of ${m.room}`;
    case "invite":
      return `${head} ${m.event.state_key ?? ""} to ${m.room}`;
    case "backfill":
      return `${head} after ${m.after} of ${m.room}`;
  }
}
