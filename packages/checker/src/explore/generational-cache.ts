/**
 * A cache keyed by object identity that forgets in generations. Exploration creates millions of
 * short-lived objects; a `WeakMap` would let them go, but the garbage collector pays for every
 * weak entry on each full collection (ephemeron tables), which measured slower than the work the
 * cache saves. Instead the explorer ages the cache once per breadth-first level: entries used
 * in the current or the previous level survive, older ones are dropped with their keys.
 *
 * @module
 */

/** A two-generation identity cache. */
export class GenerationalCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  /** The value for `key`, if either generation has it (a hit in the old one is kept young). */
  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.young.set(key, aged);
    return aged;
  }

  /** Stores `value` for `key` in the young generation. */
  set(key: K, value: V): void {
    this.young.set(key, value);
  }

  /** Starts a new generation: entries not used since the last call are forgotten. */
  age(): void {
    this.old = this.young;
    this.young = new Map();
  }

  /** How many entries both generations hold. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
