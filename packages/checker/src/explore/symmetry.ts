/**
 * Symmetry of a scope: the renamings of users, providers and rooms under which the machine
 * behaves the same, so that worlds that differ only by such a renaming can count once.
 *
 * Which renamings are symmetries depends on what the machine reads of names:
 * - users of one provider are interchangeable, unless a creation rule compares user IDs (under
 *   `chat.dm-creation = lowest-id-creates` only the member whose ID sorts first may create a
 *   DM, so swapping two users changes what each may do);
 * - providers with as many users are interchangeable when there are at most two providers (with
 *   three or more, a hub fans out to its followers in server-name order, so renaming them would
 *   reorder the messages in flight), under the same proviso about user order;
 * - the rooms a provider created are interchangeable (room IDs are only ever compared for
 *   equality; the alphabet always creates the next unused ID, which every renaming of the used
 *   IDs keeps).
 *
 * A renaming maps each name to a label of its image, so applying it and serialising gives the
 * same string for two worlds exactly when one is the renaming of the other.
 *
 * @module
 */
import { CREATION_RULES, enabledUnder, type Profile, type World } from "@mimi-spec/machine";
import type { UserId } from "@mimi-spec/schema";
import type { ResolvedExploreScope } from "./scope.ts";

/** One renaming: original name → canonical label. */
export interface Renaming {
  /** A number unique within its {@link Symmetry}, for caches indexed by renaming. */
  readonly id: number;
  readonly users: ReadonlyMap<string, string>;
  readonly servers: ReadonlyMap<string, string>;
  readonly rooms: ReadonlyMap<string, string>;
  /** The scope's servers as `[label, name]`, sorted by label. */
  readonly serverOrder: ReadonlyArray<readonly [string, string]>;
}

/** Which kinds of renaming a scope and profile allow. */
export interface SymmetryKinds {
  readonly users: boolean;
  readonly servers: boolean;
  readonly rooms: boolean;
}

/** Whether the profile makes the machine compare user IDs by order (so users are not interchangeable). */
export function userOrderMatters(profile: Profile): boolean {
  return CREATION_RULES.some(
    (rule) => rule.guard === "create.lowest-id-creates" && enabledUnder(profile, rule.enabledWhen),
  );
}

/** The symmetries a scope has under a profile (`enabled: false` turns them all off). */
export function symmetryKinds(
  scope: ResolvedExploreScope,
  profile: Profile,
  enabled: boolean,
): SymmetryKinds {
  if (!enabled) return { users: false, servers: false, rooms: false };
  const users = !userOrderMatters(profile);
  return { users, servers: users && scope.servers.length <= 2, rooms: true };
}

/** Every permutation of `0 … n-1`. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1))
    for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  return out;
}

/** A renaming of users and providers only (rooms are added per world). */
interface BaseRenaming {
  readonly users: ReadonlyMap<string, string>;
  readonly servers: ReadonlyMap<string, string>;
}

function label(kind: "U" | "S", index: number): string {
  return `${kind}${index}`;
}

function baseRenamings(scope: ResolvedExploreScope, kinds: SymmetryKinds): BaseRenaming[] {
  const servers = scope.servers;
  const usersOf = servers.map((s) => scope.users.filter((u) => scope.serverOfUser.get(u) === s));
  const userLabel = new Map<UserId, string>(scope.users.map((u, i) => [u, label("U", i)]));
  // Server permutations: only among providers with as many users.
  const serverPerms = (kinds.servers ? permutations(servers.length) : [servers.map((_, i) => i)]).filter(
    (perm) => perm.every((image, i) => usersOf[image]?.length === usersOf[i]?.length),
  );
  const out: BaseRenaming[] = [];
  for (const perm of serverPerms) {
    // For each server, a permutation of its users' positions.
    let choices: number[][][] = [[]];
    for (const users of usersOf) {
      const perms = kinds.users ? permutations(users.length) : [users.map((_, i) => i)];
      choices = choices.flatMap((chosen) => perms.map((p) => [...chosen, p]));
    }
    for (const chosen of choices) {
      const users = new Map<string, string>();
      const serversMap = new Map<string, string>();
      servers.forEach((server, i) => {
        const image = perm[i] as number;
        serversMap.set(server, label("S", image));
        (usersOf[i] ?? []).forEach((user, j) => {
          const target = usersOf[image]?.[chosen[i]?.[j] as number] as UserId;
          users.set(user, userLabel.get(target) as string);
        });
      });
      out.push({ users, servers: serversMap });
    }
  }
  return out;
}

/** The symmetry group of one exploration, with the renamings of each set of rooms cached. */
export class Symmetry {
  readonly kinds: SymmetryKinds;
  private readonly base: ReadonlyArray<BaseRenaming>;
  private readonly cache = new Map<string, ReadonlyArray<Renaming>>();
  private made = 0;

  constructor(scope: ResolvedExploreScope, profile: Profile, enabled: boolean) {
    this.kinds = symmetryKinds(scope, profile, enabled);
    this.base = baseRenamings(scope, this.kinds);
  }

  /** How many user and provider renamings the group has (room renamings come on top, per world). */
  get baseSize(): number {
    return this.base.length;
  }

  /** Every renaming that applies to `world` (its rooms decide the room renamings). */
  renamingsOf(world: World): ReadonlyArray<Renaming> {
    let signature = "";
    for (const room of world.rooms.keys()) signature += `${room} `;
    const cached = this.cache.get(signature);
    if (cached !== undefined) return cached;
    const made = this.make(world);
    this.cache.set(signature, made);
    return made;
  }

  private make(world: World): Renaming[] {
    // The rooms of each provider, in ID order.
    const roomsOf = new Map<string, string[]>();
    for (const [room, hub] of world.rooms) roomsOf.set(hub, [...(roomsOf.get(hub) ?? []), room]);
    for (const rooms of roomsOf.values()) rooms.sort();
    const out: Renaming[] = [];
    for (const base of this.base) {
      let choices: Array<Map<string, string>> = [new Map()];
      for (const [hub, rooms] of roomsOf) {
        const hubLabel = base.servers.get(hub) ?? `?${hub}`;
        const perms = this.kinds.rooms ? permutations(rooms.length) : [rooms.map((_, i) => i)];
        choices = choices.flatMap((chosen) =>
          perms.map((perm) => {
            const next = new Map(chosen);
            rooms.forEach((room, i) => {
              next.set(room, `${hubLabel}/${perm[i]}`);
            });
            return next;
          }),
        );
      }
      const serverOrder = [...base.servers]
        .map(([name, label]) => [label, name] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const rooms of choices)
        out.push({ id: this.made++, users: base.users, servers: base.servers, rooms, serverOrder });
    }
    return out;
  }
}
