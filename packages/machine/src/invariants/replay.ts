/**
 * Replaying a copy of a room through the policy, from its create event on, with the work shared
 * between copies. A model checker asks this of every copy of every world it keeps, and those
 * copies mostly extend one another by an event or two; replaying each from scratch made the
 * check quadratic in the history's length. Histories hold the same event objects wherever they
 * share a prefix (a step appends, it never rebuilds), so the state after each prefix is cached
 * along the chain of event objects that led to it: a replay walks the cached chain and
 * authorizes only the events no earlier replay has seen after that prefix.
 *
 * @module
 */
import type { FullEvent } from "../event.ts";
import { authorize, authorizeCreate } from "../policy/authorize.ts";
import type { Profile } from "../profile.ts";
import { appendToReplica, eventById, historyOf, type Replica, replicaFromCreate } from "../state/replica.ts";

/** The replay after one prefix: the copy it rebuilt, or why the policy refused the prefix's last event. */
interface ReplayStep {
  readonly replica: Replica | undefined;
  readonly refusal: string | undefined;
  /** The replays one event longer, by that event (weakly held: dropped with the events). */
  readonly next: WeakMap<FullEvent, ReplayStep>;
}

/** Replays of create events, by profile (the policy) and create event, then by hub. */
const starts = new WeakMap<Profile, WeakMap<FullEvent, Map<string, ReplayStep>>>();

function startOf(profile: Profile, create: FullEvent, hub: string): ReplayStep {
  let byCreate = starts.get(profile);
  if (byCreate === undefined) {
    byCreate = new WeakMap();
    starts.set(profile, byCreate);
  }
  let byHub = byCreate.get(create);
  if (byHub === undefined) {
    byHub = new Map();
    byCreate.set(create, byHub);
  }
  let start = byHub.get(hub);
  if (start === undefined) {
    const first = authorizeCreate({ profile }, create);
    start = first.accepted
      ? { replica: replicaFromCreate(create, hub as Replica["hub"]), refusal: undefined, next: new WeakMap() }
      : {
          replica: undefined,
          refusal: `the policy refuses its create event (${first.guard}: ${first.reason})`,
          next: new WeakMap(),
        };
    byHub.set(hub, start);
  }
  return start;
}

function extend(profile: Profile, from: ReplayStep, event: FullEvent): ReplayStep {
  const cached = from.next.get(event);
  if (cached !== undefined) return cached;
  const view = from.replica as Replica;
  const verdict = authorize(
    { profile },
    { state: view.state, eventById: (id) => eventById(view, id) },
    event,
  );
  const made: ReplayStep = verdict.accepted
    ? { replica: appendToReplica(view, event), refusal: undefined, next: new WeakMap() }
    : {
        replica: undefined,
        refusal: `replaying the history, the policy refuses ${event.event_id} (${verdict.guard}: ${verdict.reason})`,
        next: new WeakMap(),
      };
  from.next.set(event, made);
  return made;
}

/**
 * Replays a copy of a room from its create event through the policy; describes the first event
 * the policy refuses, or returns `undefined` when it accepts them all.
 */
export function replayRefusal(profile: Profile, replica: Replica): string | undefined {
  const [create, ...rest] = historyOf(replica);
  if (create === undefined) return "it has no events";
  let at = startOf(profile, create, replica.hub);
  for (const event of rest) {
    if (at.refusal !== undefined) return at.refusal;
    at = extend(profile, at, event);
  }
  return at.refusal;
}
