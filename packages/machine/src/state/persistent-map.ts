/**
 * Persistent (immutable, structurally shared) maps for the room indexes. A step updates one
 * membership in O(log32 n), effectively constant, and the map before the step stays valid, so
 * worlds remain immutable values without copying whole indexes. Backed by effect's HashMap.
 *
 * @module
 */
import { HashMap, Option } from "effect";

/** An immutable map with structural sharing. */
export type PMap<K, V> = HashMap.HashMap<K, V>;

/** An empty map. */
export function emptyPMap<K, V>(): PMap<K, V> {
  return HashMap.empty<K, V>();
}

/** The value at `key`, or `undefined`. */
export function pget<K, V>(map: PMap<K, V>, key: K): V | undefined {
  return Option.getOrUndefined(HashMap.get(map, key));
}

/** Whether `key` is present. */
export function phas<K, V>(map: PMap<K, V>, key: K): boolean {
  return HashMap.has(map, key);
}

/** A map with `key` set to `value`. */
export function pset<K, V>(map: PMap<K, V>, key: K, value: V): PMap<K, V> {
  return HashMap.set(map, key, value);
}

/** A map without `key`. */
export function pdelete<K, V>(map: PMap<K, V>, key: K): PMap<K, V> {
  return HashMap.remove(map, key);
}

/** How many entries. */
export function psize<K, V>(map: PMap<K, V>): number {
  return HashMap.size(map);
}

/** The entries, in the map's internal order (sort them where order matters). */
export function pentries<K, V>(map: PMap<K, V>): Array<[K, V]> {
  return [...HashMap.entries(map)];
}
