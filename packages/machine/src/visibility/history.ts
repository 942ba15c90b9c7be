/**
 * History visibility (POL-00; LM leaves it TODO): which events of a room a server's users may
 * see. The rules apply with the visibility in force when the event was sent: `world` shows it;
 * a user joined at the time sees it; under `shared`, a user joined at any point after it sees it;
 * under `invited`, a user invited at the time sees it; otherwise it is hidden. State events are
 * always visible. While no history_visibility event exists, `room.default-history-visibility`
 * decides (OQ-HIST-1). A server sees an event when one of its users does; the hub sends a server
 * the events it may not see *redacted* (POL-00: backfill is redacted unless one of the server's
 * users can see the event), keeping only the content keys the auth rules read.
 *
 * @module
 */
import { type ServerName, type UserId, userIdParts } from "@mimi-spec/schema";
import { contentString, EVENT_TYPES, type FullEvent, isStateEvent } from "../event.ts";
import type { Profile } from "../profile.ts";
import { membershipValue } from "../state/room-state.ts";

/** POL-00's history visibilities. */
export const HISTORY_VISIBILITIES = ["invited", "joined", "shared", "world"] as const;
/** One of {@link HISTORY_VISIBILITIES}. */
export type HistoryVisibility = (typeof HISTORY_VISIBILITIES)[number];

function isHistoryVisibility(value: string | undefined): value is HistoryVisibility {
  return value !== undefined && (HISTORY_VISIBILITIES as ReadonlyArray<string>).includes(value);
}

/** The visibility in force while no history_visibility event exists (OQ-HIST-1). */
export function defaultHistoryVisibility(profile: Profile): HistoryVisibility {
  return profile.values["room.default-history-visibility"];
}

/**
 * The content keys a redacted copy keeps, per message event type: what the auth rules read, so a
 * follower can still check the copy (a redaction's target, an MLS proposal's kind and target).
 */
const KEPT_CONTENT: ReadonlyMap<string, ReadonlyArray<string>> = new Map([
  [EVENT_TYPES.redaction, ["redacts"]],
  [EVENT_TYPES.mlsProposal, ["proposal", "target"]],
]);

/** The copy of a message event a server receives when none of its users may see it. */
export function redactedCopy(event: FullEvent): FullEvent {
  // A Map, not an object: an event type such as "constructor" must not find Object.prototype's.
  const kept = KEPT_CONTENT.get(event.type) ?? [];
  const content = Object.fromEntries(Object.entries(event.content).filter(([key]) => kept.includes(key)));
  return { ...event, content, redacted: true };
}

/**
 * For each event of `history` (a whole room history, create event first): whether some user of
 * `server` may see it. One pass forward (the visibility and the server's memberships before each
 * event) and one backward (whether the server has a joined user at any point from then on). O(n).
 */
export function serverSees(
  history: ReadonlyArray<FullEvent>,
  server: ServerName,
  profile: Profile,
): boolean[] {
  const n = history.length;
  const memberships = new Map<UserId, string>();
  let visibility: HistoryVisibility = defaultHistoryVisibility(profile);
  let joined = 0;
  let invited = 0;
  // Per event: the visibility and the server's memberships when it was sent, and after it.
  const before: Array<{ visibility: HistoryVisibility; joined: boolean; invited: boolean }> = [];
  const joinedAfter: boolean[] = [];
  for (const event of history) {
    before.push({ visibility, joined: joined > 0, invited: invited > 0 });
    if (event.type === EVENT_TYPES.member && event.state_key !== undefined) {
      const user = event.state_key as UserId;
      const membership = membershipValue(event.content);
      if (membership !== undefined && serverOf(user) === server) {
        const previous = memberships.get(user);
        joined += (membership === "join" ? 1 : 0) - (previous === "join" ? 1 : 0);
        invited += (membership === "invite" ? 1 : 0) - (previous === "invite" ? 1 : 0);
        memberships.set(user, membership);
      }
    } else if (event.type === EVENT_TYPES.historyVisibility && event.state_key === "") {
      const value = contentString(event, "history_visibility");
      if (isHistoryVisibility(value)) visibility = value;
    }
    joinedAfter.push(joined > 0);
  }
  const sees = new Array<boolean>(n);
  let joinedFromHereOn = false;
  for (let i = n - 1; i >= 0; i--) {
    joinedFromHereOn ||= joinedAfter[i] === true;
    const event = history[i] as FullEvent;
    const at = before[i] as (typeof before)[number];
    sees[i] =
      isStateEvent(event) ||
      at.visibility === "world" ||
      at.joined ||
      (at.visibility === "shared" && joinedFromHereOn) ||
      (at.visibility === "invited" && at.invited);
  }
  return sees;
}

function serverOf(user: UserId): ServerName {
  return userIdParts(user).server;
}

/**
 * The events of `history` from position `from` on, as the hub sends them to `server` (after a
 * join, or answering a backfill): those none of its users may see are redacted.
 */
export function historyFor(
  history: ReadonlyArray<FullEvent>,
  server: ServerName,
  from: number,
  profile: Profile,
): FullEvent[] {
  const sees = serverSees(history, server, profile);
  const start = Math.max(0, from);
  return history.slice(start).map((event, i) => (sees[start + i] ? event : redactedCopy(event)));
}
