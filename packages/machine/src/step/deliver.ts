/**
 * Delivering one message: the receiving server does what the message asks (hub processing,
 * applying a fan-out, recording an invite or a result, answering a backfill) and the verdict is
 * that server's. In `instant` mode a step delivers everything it sent, oldest first.
 *
 * @module
 */
import {
  receiveBackfill,
  receiveEvent,
  receiveHistory,
  receiveInvite,
  receiveResult,
} from "../hub/follower.ts";
import { hubReceive } from "../hub/hub.ts";
import { describeMessage, type Envelope } from "../network/messages.ts";
import type { Verdict } from "../verdict.ts";
import type { Draft } from "./draft.ts";

/** The receiving server's verdict on one message (already taken out of flight). */
export function deliverEnvelope(draft: Draft, envelope: Envelope): Verdict {
  const m = envelope.message;
  const verdict = ((): Verdict => {
    switch (m.kind) {
      case "submit":
        return hubReceive(draft, m.to, m.from, m.txn, m.event).verdict;
      case "result":
        return receiveResult(draft, m.to, m);
      case "event":
        return receiveEvent(draft, m.to, m.from, m.event);
      case "history":
        return receiveHistory(draft, m.to, m.from, m.room, m.events);
      case "invite":
        return receiveInvite(draft, m.to, m);
      case "backfill":
        return receiveBackfill(draft, m.to, m);
    }
  })();
  draft.note(
    () =>
      `delivered ${describeMessage(envelope)}: ${verdict.accepted ? "accepted" : `rejected by ${verdict.guard}: ${verdict.reason}`}`,
  );
  return verdict;
}

/** The most messages one step delivers in `instant` mode before it stops (a safety net against loops). */
export const MAX_DELIVERIES_PER_STEP = 100_000;

/** Delivers every message in flight, oldest first, including the ones deliveries send; verdicts by message id. */
export function drain(draft: Draft): Map<number, Verdict> {
  const verdicts = new Map<number, Verdict>();
  for (let i = 0; i < MAX_DELIVERIES_PER_STEP; i++) {
    const envelope = draft.takeFirst();
    if (envelope === undefined) return verdicts;
    verdicts.set(envelope.id, deliverEnvelope(draft, envelope));
  }
  if (draft.messages.length > 0)
    draft.note(() => `stopped after ${MAX_DELIVERIES_PER_STEP} deliveries; the rest stays in flight`);
  return verdicts;
}
