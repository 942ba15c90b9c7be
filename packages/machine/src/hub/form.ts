/**
 * How the hub turns a limited event into a fully-formed one (LM §2.9 step 2.2): the auth events
 * the selection calls for, `prev_events = [head]` (one child per event), `hub_server` as the
 * profile says, an event ID, and its own signature.
 *
 * @module
 */
import type { ServerName } from "@mimi-spec/schema";
import type { EventFields, FullEvent, LimitedEvent } from "../event.ts";
import { selectAuthEvents } from "../policy/auth-selection.ts";
import { optionIs, type Profile } from "../profile.ts";
import type { Replica } from "../state/replica.ts";
import type { Draft } from "../step/draft.ts";

/**
 * The `hub_server` a fully-formed event carries. An event from a participant carries the hub
 * (set by the participant, or by the hub under `event.hub-server-set-by = hub`); an event the
 * hub originates carries it only under `event.hub-originated-hub-server = self`.
 */
function hubServerFor(
  limited: LimitedEvent,
  hub: ServerName,
  hubOriginated: boolean,
  profile: Profile,
): ServerName | undefined {
  if (hubOriginated) return optionIs(profile, "event.hub-originated-hub-server", "self") ? hub : undefined;
  return limited.hub_server ?? (optionIs(profile, "event.hub-server-set-by", "hub") ? hub : undefined);
}

/** The fully-formed event the hub of `replica` makes of `limited`. */
export function formEvent(
  draft: Draft,
  replica: Replica,
  limited: LimitedEvent,
  hubOriginated: boolean,
): FullEvent {
  const { signedBy, hub_server: _ignored, ...fields } = limited;
  const hubServer = hubServerFor(limited, replica.hub, hubOriginated, draft.profile);
  const base: EventFields = hubServer === undefined ? fields : { ...fields, hub_server: hubServer };
  const auth_events = selectAuthEvents(replica.state, base, draft.profile);
  const prev_events = [replica.state.head.event_id];
  const event_id = draft.eventId({ ...base, auth_events, prev_events });
  const signers = signedBy.includes(replica.hub) ? signedBy : [...signedBy, replica.hub];
  return { ...base, event_id, auth_events, prev_events, signedBy: signers };
}
