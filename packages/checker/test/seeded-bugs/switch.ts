/**
 * Switchable machine modules: each mocked module keeps its real exports and, while a seeded bug
 * that targets it is active, routes calls to the bug's patched version instead. The machine is
 * loaded once; a test activates one bug at a time.
 *
 * @module
 */
import type { SeededBug } from "./catalogue.ts";

type Module = Record<string, unknown>;

const originals = new Map<string, Module>();
let active: { readonly module: string; readonly patched: Module } | undefined;

/** The module `key` (a path under `packages/machine/src/`) as the machine will see it: its exports, switchable. */
export function switchable(key: string, original: Module): Module {
  originals.set(key, original);
  const out: Module = {};
  for (const [name, value] of Object.entries(original)) {
    if (typeof value !== "function" || /^[A-Z]/u.test(name)) {
      out[name] = value;
      continue;
    }
    const real = value as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]) => {
      const patched = active?.module === key ? (active.patched[name] as typeof real | undefined) : undefined;
      return (patched ?? real)(...args);
    };
  }
  return out;
}

/** Makes `bug` the active fault (until {@link deactivate}). */
export async function activate(bug: SeededBug): Promise<void> {
  const original = originals.get(bug.module);
  if (original === undefined)
    throw new Error(`${bug.module} is not mocked as switchable: add a vi.mock line for it to the test`);
  active = { module: bug.module, patched: await bug.patch(original) };
}

/** Back to the real machine. */
export function deactivate(): void {
  active = undefined;
}
