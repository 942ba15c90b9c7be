/**
 * Walking a world for invariants: every server's replicas, and each room's hub replica. These
 * walks cost the size of the world; they are for checking, never for stepping.
 *
 * @module
 */
import type { RoomId, ServerName } from "@mimi-spec/schema";
import type { Replica } from "../state/replica.ts";
import type { World } from "../world.ts";

/** Every replica of every server, with the server that holds it. */
export function* allReplicas(world: World): Generator<{ server: ServerName; replica: Replica }> {
  for (const [server, state] of world.servers)
    for (const replica of state.persisted.rooms.values()) yield { server, replica };
}

/** Every room with its hub's replica (`undefined` when the hub lost it, itself a violation). */
export function* hubRooms(
  world: World,
): Generator<{ room: RoomId; hub: ServerName; replica: Replica | undefined }> {
  for (const [room, hub] of world.rooms)
    yield { room, hub, replica: world.servers.get(hub)?.persisted.rooms.get(room) };
}
