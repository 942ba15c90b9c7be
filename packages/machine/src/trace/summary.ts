/**
 * A JSON-friendly summary of a world: each room with its hub, chat type, head, memberships and
 * how far each server's copy goes; the messages in flight; pending transactions; invites; and
 * the findings against misbehaving hubs.
 *
 * @module
 */
import { describeMessage } from "../network/messages.ts";
import { pentries } from "../state/persistent-map.ts";
import type { Preview } from "../visibility/preview.ts";
import type { Finding, World } from "../world.ts";

/** One room in a summary. */
export interface RoomSummaryLine {
  readonly room: string;
  readonly hub: string;
  readonly chatType: string;
  readonly events: number;
  readonly head: string;
  /** Every user with a membership event, and that membership. */
  readonly members: Readonly<Record<string, string>>;
  /** How many events each server holds (the hub included). */
  readonly copies: Readonly<Record<string, number>>;
}

/** A world summary. */
export interface WorldSummary {
  readonly profile: string;
  readonly delivery: string;
  readonly rooms: ReadonlyArray<RoomSummaryLine>;
  readonly inFlight: ReadonlyArray<string>;
  readonly pending: Readonly<Record<string, ReadonlyArray<string>>>;
  readonly invites: Readonly<Record<string, ReadonlyArray<string>>>;
  /** What each pending invitee sees before consenting, by `room user`. */
  readonly previews: Readonly<Record<string, Preview>>;
  readonly findings: ReadonlyArray<Finding>;
}

/** Summarizes `world` (its size matters: this walks everything). */
export function summarizeWorld(world: World): WorldSummary {
  const rooms: RoomSummaryLine[] = [];
  for (const [room, hub] of [...world.rooms].sort(([a], [b]) => a.localeCompare(b))) {
    const replica = world.servers.get(hub)?.persisted.rooms.get(room);
    if (replica === undefined) continue;
    const copies: Record<string, number> = {};
    for (const [name, server] of [...world.servers].sort(([a], [b]) => a.localeCompare(b))) {
      const copy = server.persisted.rooms.get(room);
      if (copy !== undefined) copies[name] = copy.state.length;
    }
    rooms.push({
      room,
      hub,
      chatType: replica.state.chatType ?? "(none)",
      events: replica.state.length,
      head: replica.state.head.event_id,
      members: Object.fromEntries(pentries(replica.state.memberships).sort(([a], [b]) => a.localeCompare(b))),
      copies,
    });
  }
  const pending: Record<string, string[]> = {};
  const invites: Record<string, string[]> = {};
  const previews: Record<string, Preview> = {};
  for (const [name, server] of [...world.servers].sort(([a], [b]) => a.localeCompare(b))) {
    if (server.volatile.pending.size > 0) pending[name] = [...server.volatile.pending.keys()];
    if (server.persisted.invites.size > 0) invites[name] = [...server.persisted.invites.keys()].sort();
    for (const [key, record] of server.persisted.invites)
      if (record.preview !== undefined) previews[key] = record.preview;
  }
  return {
    profile: world.config.profile.name,
    delivery: world.config.delivery,
    rooms,
    inFlight: world.inFlight.map(describeMessage),
    pending,
    invites,
    previews,
    findings: world.findings,
  };
}
