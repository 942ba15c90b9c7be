/**
 * Plain-language pieces of a counterexample: who did what on which server, what a room looked
 * like, and which messages a step moved. Shared by the story and the sequence diagram.
 *
 * @module
 */
import {
  type Action,
  describeMessage,
  type Envelope,
  invariants,
  pentries,
  type Verdict,
  type World,
} from "@mimi-spec/machine";
import { roomIdParts, userIdParts } from "@mimi-spec/schema";

/** The server of a user ID (the part after the first colon). */
export function serverOfUser(user: string): string {
  return userIdParts(user as never).server;
}

/** The server a room ID names: the room's hub. */
export function serverOfRoom(room: string): string {
  return roomIdParts(room as never).server;
}

function messageText(world: World, id: number): string {
  const envelope = world.inFlight.find((e) => e.id === id);
  return envelope === undefined ? `#${id} (not in flight)` : describeMessage(envelope);
}

function body(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/**
 * One sentence saying who did what on which server; `before` is the world the action ran in
 * (it names the message a network action moves).
 */
export function narrateAction(action: Action, before: World): string {
  const via = (user: string) => `${user} (on ${serverOfUser(user)})`;
  const room = (id: string) => `${id} (hub ${before.rooms.get(id as never) ?? serverOfRoom(id)})`;
  switch (action.kind) {
    case "create-room": {
      const invite = action.invite ?? [];
      return `${action.user} creates the ${action.chatType} ${action.room} at ${serverOfUser(action.user)}${
        invite.length > 0 ? `, inviting ${invite.join(", ")}` : ""
      }${action.mlsAcp === undefined ? "" : `, MLS policy ${action.mlsAcp}`}${
        action.roomVersion === undefined ? "" : `, room version ${action.roomVersion}`
      }${action.firstMessage === undefined ? "" : `, first message ${body(action.firstMessage)}`}`;
    }
    case "invite":
      return `${via(action.user)} invites ${action.target} to ${room(action.room)}`;
    case "kick":
      return `${via(action.user)} removes ${action.target} from ${room(action.room)}`;
    case "ban":
      return `${via(action.user)} bans ${action.target} from ${room(action.room)}`;
    case "unban":
      return `${via(action.user)} lifts the ban of ${action.target} in ${room(action.room)}`;
    case "join":
      return `${via(action.user)} joins ${room(action.room)}`;
    case "leave":
      return `${via(action.user)} leaves ${room(action.room)}`;
    case "knock":
      return `${via(action.user)} knocks on ${room(action.room)}`;
    case "send-message":
      return `${via(action.user)} sends ${body(action.body)} to ${room(action.room)}`;
    case "set-power-levels":
      return `${via(action.user)} sets the power levels of ${room(action.room)} to ${JSON.stringify(action.content)}`;
    case "set-join-rule":
      return `${via(action.user)} sets the join rule of ${room(action.room)} to ${action.joinRule}`;
    case "set-history-visibility":
      return `${via(action.user)} sets the history visibility of ${room(action.room)} to ${action.visibility}`;
    case "set-name":
      return `${via(action.user)} names ${room(action.room)} ${body(action.name)}`;
    case "redact":
      return `${via(action.user)} redacts ${action.eventId} in ${room(action.room)}`;
    case "send-event":
      return `${via(action.user)} sends a ${action.type} event${
        action.stateKey === undefined ? "" : ` (state key ${JSON.stringify(action.stateKey)})`
      } to ${room(action.room)}`;
    case "mls-propose":
      return `${via(action.user)} proposes the MLS change ${action.proposal}${
        action.target === undefined ? "" : ` for ${action.target}`
      } in ${room(action.room)}`;
    case "propose-mls-acp":
      return `${via(action.user)} proposes the MLS policy ${action.template} for ${room(action.room)}`;
    case "set-profile": {
      const fields = (["name", "avatar", "status", "chosenIdentifier"] as const)
        .filter((f) => action[f] !== undefined)
        .map((f) => `${f} ${body(action[f] ?? "")}`);
      return `${action.user} updates their profile at ${serverOfUser(action.user)}${fields.length > 0 ? ` (${fields.join(", ")})` : ""}`;
    }
    case "set-setting":
      return `${action.user} turns ${action.setting} ${action.value ? "on" : "off"} at ${serverOfUser(action.user)}`;
    case "set-server-setting":
      return `${action.server} turns its ${action.setting} ${action.value ? "on" : "off"}`;
    case "deliver":
      return `the network delivers ${messageText(before, action.message)}`;
    case "drop":
      return `the network loses ${messageText(before, action.message)}`;
    case "duplicate":
      return `the network duplicates ${messageText(before, action.message)}`;
    case "retry": {
      const pending = before.servers.get(action.server)?.volatile.pending.get(action.txn);
      return `${action.server} retries its transaction ${action.txn}${
        pending === undefined ? "" : ` (${pending.event.type} from ${pending.event.sender} to ${pending.to})`
      }`;
    }
    case "flush":
      return `the network delivers everything in flight (${before.inFlight.length} message(s), and whatever they cause)`;
    case "sync":
      return `${action.server} asks the hub of ${room(action.room)} for the events it lacks`;
    case "restart": {
      const volatile = before.servers.get(action.server)?.volatile;
      const buffered = [...(volatile?.buffered.values() ?? [])].reduce((n, events) => n + events.length, 0);
      return `${action.server} restarts, losing ${volatile?.pending.size ?? 0} pending transaction(s) and ${buffered} buffered event(s)`;
    }
    case "forge-limited":
      return `${action.server} (adversary) forges a limited ${action.event.type} event "from" ${action.event.sender} in ${room(action.room)} and sends it to ${action.to ?? "the hub"}`;
    case "forge-fully-formed":
      return `${action.server} (adversary) forms a ${action.event.type} event "from" ${action.event.sender} itself and sends it to ${action.to} for ${room(action.room)}`;
    case "hub-tamper":
      return `the hub of ${room(action.room)} misbehaves (${action.tamper}${
        action.authEvent === undefined ? "" : ` ${action.authEvent}`
      }): it forms a ${action.event.type} event from ${action.event.sender} and fans it out without appending it`;
  }
}

/** `accepted`, or `rejected by GUARD [REQS]: reason`. */
export function verdictText(verdict: Verdict): string {
  return verdict.accepted
    ? "accepted"
    : `rejected by ${verdict.guard} [${verdict.requirements.join(", ")}]: ${verdict.reason}`;
}

/** The requirement IDs an invariant checks (empty for an unknown id). */
export function invariantRequirements(id: string): ReadonlyArray<string> {
  return invariants.find((i) => i.id === id)?.requirements ?? [];
}

/** The room IDs named in a text (e.g. a violation message), in order of appearance. */
export function roomsIn(text: string): string[] {
  const found = text.match(/![A-Za-z0-9._=\-/]+:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/gu) ?? [];
  return [...new Set(found)];
}

/** The room an action is about, if any. */
export function roomOf(action: Action): string | undefined {
  return "room" in action ? action.room : undefined;
}

/**
 * One line per copy of `room` in `world`: its length, head and (at the hub) memberships, plus
 * the messages about it still in flight.
 */
export function roomLines(world: World, room: string): string[] {
  const hub = world.rooms.get(room as never);
  if (hub === undefined) return [`${room}: does not exist`];
  const lines: string[] = [];
  for (const [name, server] of [...world.servers].sort(([a], [b]) => a.localeCompare(b))) {
    const replica = server.persisted.rooms.get(room as never);
    const buffered = server.volatile.buffered.get(room as never)?.length ?? 0;
    if (replica === undefined) {
      if (buffered > 0) lines.push(`${name}: no copy, ${buffered} event(s) buffered`);
      continue;
    }
    const state = replica.state;
    const role = name === hub ? "hub" : "follower";
    const members =
      name === hub
        ? `; members ${
            pentries(state.memberships)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([u, m]) => `${u} ${m}`)
              .join(", ") || "none"
          }`
        : "";
    lines.push(
      `${name} (${role}): ${state.chatType ?? "no chat type"}, ${state.length} event(s), head ${state.head.event_id}${members}${
        buffered > 0 ? `; ${buffered} buffered` : ""
      }`,
    );
  }
  const inFlight = world.inFlight.filter((e) => e.message.room === room);
  if (inFlight.length > 0) lines.push(`in flight: ${inFlight.map(describeMessage).join("; ")}`);
  return lines;
}

/** A message a step delivered, as its effects report it. */
export interface Delivery {
  readonly id: number;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** The rest of the message's description (transaction, event, count). */
  readonly detail: string;
  readonly accepted: boolean;
  /** For a refused delivery: `GUARD: reason`. */
  readonly refusal?: string;
}

const DELIVERED = /^delivered #(\d+) (\S+) (\S+) → (\S+)(.*)$/su;
const REJECTED = ": rejected by ";

/**
 * The deliveries in a step's effect lines (`delivered #N kind from → to …: verdict`), in order.
 * Lines that do not parse are skipped: a diagram loses an arrow, never the step.
 */
export function deliveriesIn(effects: ReadonlyArray<string>): Delivery[] {
  const out: Delivery[] = [];
  for (const line of effects) {
    const m = DELIVERED.exec(line);
    if (m === null) continue;
    const [, id, kind, from, to, rest = ""] = m;
    if (id === undefined || kind === undefined || from === undefined || to === undefined) continue;
    if (rest.endsWith(": accepted")) {
      out.push({
        id: Number(id),
        kind,
        from,
        to,
        detail: rest.slice(0, -": accepted".length).trim(),
        accepted: true,
      });
      continue;
    }
    const at = rest.indexOf(REJECTED);
    if (at < 0) continue;
    out.push({
      id: Number(id),
      kind,
      from,
      to,
      detail: rest.slice(0, at).trim(),
      accepted: false,
      refusal: rest.slice(at + REJECTED.length),
    });
  }
  return out;
}

/** The messages a step sent (`sent #N kind from → to`), in order. */
export function sentIn(
  effects: ReadonlyArray<string>,
): Array<Pick<Envelope, "id"> & { kind: string; from: string; to: string }> {
  const out: Array<{ id: number; kind: string; from: string; to: string }> = [];
  for (const line of effects) {
    const m = /^sent #(\d+) (\S+) (\S+) → (\S+)$/u.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined && m[4] !== undefined)
      out.push({ id: Number(m[1]), kind: m[2], from: m[3], to: m[4] });
  }
  return out;
}
