/**
 * Auth-event selection (LM §int-auth-selection): the create event, the current power levels, the
 * sender's membership, and for a membership event the target's membership and, when the event is
 * a join or invite (and a knock, under `auth.select-join-rules-for-knock = include`), the join
 * rules. An entry is left out when the room has no such event; duplicates are never produced.
 *
 * @module
 */
import { EVENT_TYPES, type EventFields, type EventId } from "../event.ts";
import { optionIs, type Profile } from "../profile.ts";
import { membershipValue, type RoomState, stateEvent } from "../state/room-state.ts";

/** The auth events LM selects for `event` in `state`, in selection order. */
export function selectAuthEvents(state: RoomState, event: EventFields, profile: Profile): EventId[] {
  const ids: EventId[] = [state.create.event_id];
  const add = (id: EventId | undefined) => {
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  };
  add(stateEvent(state, EVENT_TYPES.powerLevels, "")?.event_id);
  add(stateEvent(state, EVENT_TYPES.member, event.sender)?.event_id);
  if (event.type === EVENT_TYPES.member && event.state_key !== undefined) {
    add(stateEvent(state, EVENT_TYPES.member, event.state_key)?.event_id);
    const membership = membershipValue(event.content);
    const withJoinRules =
      membership === "join" ||
      membership === "invite" ||
      (membership === "knock" && optionIs(profile, "auth.select-join-rules-for-knock", "include"));
    if (withJoinRules) add(stateEvent(state, EVENT_TYPES.joinRules, "")?.event_id);
  }
  return ids;
}
