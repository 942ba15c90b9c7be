/**
 * Links from generated pages into the API pages. They are typedoc `{@link}` tags, so typedoc
 * resolves them to the right page and anchor and fails the build when a target is missing; a name
 * the code does not export is shown unlinked and flagged instead, so a stale registry entry is
 * visible on the page rather than breaking the build.
 *
 * @module
 */
import { GUARDS, invariants } from "@mimi-spec/machine";
import * as schemaExports from "@mimi-spec/schema";
import { code, escapeHtml } from "./html.ts";

/** The names the API pages document, which links may point at. */
export interface ApiCatalog {
  /** Guard ids: keys of `GUARDS` in `@mimi-spec/machine`. */
  readonly guards: ReadonlySet<string>;
  /** Invariant ids of `invariants` in `@mimi-spec/machine`. */
  readonly invariants: ReadonlySet<string>;
  /** Names `@mimi-spec/schema` exports. */
  readonly schemaExports: ReadonlySet<string>;
}

/** The catalogue of the code as it is now. */
export function currentApiCatalog(): ApiCatalog {
  return {
    guards: new Set(Object.keys(GUARDS)),
    invariants: new Set(invariants.map((i) => i.id)),
    schemaExports: new Set(Object.keys(schemaExports)),
  };
}

/**
 * A typedoc link tag to a declaration reference (`@mimi-spec/schema!UserId:var`) with a label;
 * the label is escaped text.
 */
export function apiLink(reference: string, label: string): string {
  return `{@link ${reference} | ${escapeHtml(label)}}`;
}

/** Marks a name the code does not have (yet), so a reviewer sees the gap. */
function missing(name: string, what: string): string {
  return `${code(name)} <span class="mimi-warning">(${escapeHtml(what)})</span>`;
}

/** A guard id, linked to its entry on the `GUARDS` page. */
export function guardLink(catalog: ApiCatalog, id: string): string {
  if (!catalog.guards.has(id)) return missing(id, "no such guard in GUARDS");
  return apiLink(`@mimi-spec/machine!GUARDS.${JSON.stringify(id)}`, id);
}

/** An invariant id, linked to the `invariants` page (the invariants are values of that list). */
export function invariantLink(catalog: ApiCatalog, id: string): string {
  if (!catalog.invariants.has(id)) return missing(id, "no such invariant");
  return apiLink("@mimi-spec/machine!invariants", id);
}

/** A schema name, linked to the schema's (value) page. */
export function schemaLink(catalog: ApiCatalog, name: string): string {
  if (!catalog.schemaExports.has(name)) return missing(name, "@mimi-spec/schema exports no such schema");
  return apiLink(`@mimi-spec/schema!${name}:var`, name);
}
