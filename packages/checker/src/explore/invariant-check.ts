/**
 * Checking every machine invariant in every explored world, without redoing work a step did not
 * invalidate. A step changes a few replicas and shares the rest with the world before it; an
 * invariant that reads one replica at a time (or one room's hub replica at a time) therefore
 * gives the same answer for an unchanged replica, and that answer is cached by replica object.
 *
 * Each invariant is still run as the machine defines it, on a world cut down to the one replica
 * or room it is asked about, so the answers are the machine's own. Which invariants read one
 * replica or one room at a time is listed here, from their code; the test of this module checks
 * the cached answers against the machine's `violations` on explored worlds, so a change to an
 * invariant that breaks the listing fails that test. Unlisted invariants run on the whole world.
 *
 * @module
 */
import { type Invariant, invariants, type Replica, type World } from "@mimi-spec/machine";
import type { RoomId, ServerName } from "@mimi-spec/schema";
import { GenerationalCache } from "./generational-cache.ts";

/** Invariants that walk `hubRooms(world)` and read only each room's hub replica and the profile. */
export const PER_HUB_ROOM: ReadonlySet<string> = new Set([
  "history.only-accepted",
  "ban.no-events-after",
  "group-dm.survives-leave",
  "group-chat.add",
  "group-dm.leave",
  "group-chat.leave",
  "room.has-mls-acp",
  "hub.initial-is-room-id-server",
]);

/** Invariants that walk `allReplicas(world)` and read only each replica (and its server's name). */
export const PER_REPLICA: ReadonlySet<string> = new Set([
  "history.create-first",
  "history.linear",
  "auth-events.state-only",
  "auth-events.include-create",
  "auth-chain.within-history",
  "room.policy-fixed",
  "replicas.only-accepted",
  "join.has-member-auth-chains",
]);

/** Invariants that walk `allReplicas(world)` and read each replica and its room's hub replica. */
export const PER_REPLICA_AND_HUB: ReadonlySet<string> = new Set([
  "history.someone-keeps-all",
  "history.visible-to",
  "hub.processes-and-fans-out",
]);

/** A violated invariant in a world. */
export interface FoundViolation {
  readonly invariant: string;
  readonly message: string;
}

/** Checks worlds against every invariant (or a chosen few), caching per-replica answers. */
export class InvariantChecker {
  private readonly perRoom: ReadonlyArray<Invariant>;
  private readonly perReplica: ReadonlyArray<Invariant>;
  private readonly perPair: ReadonlyArray<Invariant>;
  private readonly whole: ReadonlyArray<Invariant>;
  private readonly roomAnswers = new GenerationalCache<Replica, Array<string | undefined>>();
  private readonly replicaAnswers = new GenerationalCache<
    Replica,
    Map<ServerName, Array<string | undefined>>
  >();
  private readonly pairAnswers = new GenerationalCache<
    Replica,
    Map<object, Map<ServerName, Array<string | undefined>>>
  >();

  /** A checker for one exploration (one profile: cached answers assume it). */
  constructor(among: ReadonlyArray<Invariant> = invariants) {
    this.perRoom = among.filter((i) => PER_HUB_ROOM.has(i.id));
    this.perReplica = among.filter((i) => PER_REPLICA.has(i.id));
    this.perPair = among.filter((i) => PER_REPLICA_AND_HUB.has(i.id));
    this.whole = among.filter(
      (i) => !PER_HUB_ROOM.has(i.id) && !PER_REPLICA.has(i.id) && !PER_REPLICA_AND_HUB.has(i.id),
    );
  }

  /** Forgets answers about replicas not seen since the last call (call once per level). */
  age(): void {
    this.roomAnswers.age();
    this.replicaAnswers.age();
    this.pairAnswers.age();
  }

  /** Every violated invariant in `world`, in the machine's order of invariants. */
  violations(world: World): FoundViolation[] {
    const found = new Map<string, string>();
    this.checkRooms(world, found);
    this.checkReplicas(world, found);
    this.checkPairs(world, found);
    for (const invariant of this.whole) {
      const message = invariant.check(world);
      if (message !== undefined) found.set(invariant.id, message);
    }
    const out: FoundViolation[] = [];
    for (const invariant of invariants) {
      const message = found.get(invariant.id);
      if (message !== undefined) out.push({ invariant: invariant.id, message });
    }
    return out;
  }

  private checkRooms(world: World, found: Map<string, string>): void {
    if (this.perRoom.length === 0) return;
    for (const [room, hub] of world.rooms) {
      const replica = world.servers.get(hub)?.persisted.rooms.get(room);
      let answers = replica === undefined ? undefined : this.roomAnswers.get(replica);
      if (answers === undefined) {
        const alone: World = { ...world, rooms: new Map<RoomId, ServerName>([[room, hub]]) };
        answers = this.perRoom.map((i) => i.check(alone));
        if (replica !== undefined) this.roomAnswers.set(replica, answers);
      }
      this.perRoom.forEach((invariant, i) => {
        const message = answers[i];
        // The whole-world check reports the first room (in the world's order) that breaks it.
        if (message !== undefined && !found.has(invariant.id)) found.set(invariant.id, message);
      });
    }
  }

  private checkReplicas(world: World, found: Map<string, string>): void {
    if (this.perReplica.length === 0) return;
    for (const [name, server] of world.servers)
      for (const replica of server.persisted.rooms.values()) {
        let byServer = this.replicaAnswers.get(replica);
        if (byServer === undefined) {
          byServer = new Map();
          this.replicaAnswers.set(replica, byServer);
        }
        let answers = byServer.get(name);
        if (answers === undefined) {
          const alone: World = {
            ...world,
            servers: new Map([
              [
                name,
                {
                  ...server,
                  persisted: { ...server.persisted, rooms: new Map([[replica.roomId, replica]]) },
                },
              ],
            ]),
          };
          answers = this.perReplica.map((i) => i.check(alone));
          byServer.set(name, answers);
        }
        this.perReplica.forEach((invariant, i) => {
          const message = answers[i];
          if (message !== undefined && !found.has(invariant.id)) found.set(invariant.id, message);
        });
      }
  }

  private checkPairs(world: World, found: Map<string, string>): void {
    if (this.perPair.length === 0) return;
    for (const [name, server] of world.servers)
      for (const replica of server.persisted.rooms.values()) {
        const hubServer = world.servers.get(replica.hub);
        const hubCopy = hubServer?.persisted.rooms.get(replica.roomId);
        // Keyed by the replica, its hub's copy (or its absence) and the server holding it.
        const hubKey: object = hubCopy ?? InvariantChecker.noHub;
        let byHub = this.pairAnswers.get(replica);
        if (byHub === undefined) {
          byHub = new Map();
          this.pairAnswers.set(replica, byHub);
        }
        let byServer = byHub.get(hubKey);
        if (byServer === undefined) {
          byServer = new Map();
          byHub.set(hubKey, byServer);
        }
        let answers = byServer.get(name);
        if (answers === undefined) {
          const servers = new Map([
            [
              name,
              { ...server, persisted: { ...server.persisted, rooms: new Map([[replica.roomId, replica]]) } },
            ],
          ]);
          if (hubServer !== undefined && hubCopy !== undefined && replica.hub !== name)
            servers.set(replica.hub, {
              ...hubServer,
              persisted: { ...hubServer.persisted, rooms: new Map([[replica.roomId, hubCopy]]) },
            });
          const alone: World = { ...world, servers };
          answers = this.perPair.map((i) => i.check(alone));
          byServer.set(name, answers);
        }
        this.perPair.forEach((invariant, i) => {
          const message = answers[i];
          if (message !== undefined && !found.has(invariant.id)) found.set(invariant.id, message);
        });
      }
  }

  private static readonly noHub = {};
}
