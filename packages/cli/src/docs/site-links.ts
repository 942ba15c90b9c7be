/**
 * Where each generated page lives in the build directory, and links between them. Every page
 * generator gets one {@link SiteLinks}, which knows what exists (requirements, grammar rules,
 * profile options, trace pages), so a link is only written to a target that exists: typedoc
 * fails the build on a broken relative link, and a reviewer sees a flagged name instead.
 *
 * @module
 */
import type { ApiCatalog } from "./api-links.ts";
import { docLink, headingSlug } from "./document.ts";
import { code, escapeHtml } from "./html.ts";

/** The traceability matrix. */
export const MATRIX_FILE = "traceability.md";
/** The grammar overview. */
export const GRAMMAR_INDEX_FILE = "grammar.md";
/** The state machine overview (with the guard catalogue). */
export const MACHINE_INDEX_FILE = "machine.md";
/** The profile options page. */
export const PROFILE_OPTIONS_FILE = "machine/profile-options.md";
/** The counterexample gallery's index. */
export const GALLERY_FILE = "gallery.md";

/** The page of one requirement. */
export function requirementFile(id: string): string {
  return `requirements/${id}.md`;
}

/** The page of one grammar file (`spec/grammar/identifiers.abnf` → `grammar/identifiers.md`). */
export function grammarFile(abnfPath: string): string {
  const base = abnfPath.replace(/^.*\//, "").replace(/\.abnf$/, "");
  return `grammar/${base}.md`;
}

/** The page of one saved trace (`models/traces/dm-race.json` → `gallery/dm-race.md`). */
export function traceFile(tracePath: string): string {
  return `gallery/${tracePath.replace(/^.*\//, "").replace(/\.json$/, "")}.md`;
}

/** What exists on the site, for links between generated pages. */
export interface SiteLinks {
  /** API names links may point at. */
  readonly catalog: ApiCatalog;
  /** Requirement ids with a page. */
  readonly requirementIds: ReadonlySet<string>;
  /** Grammar files (repository paths) with a page, and the rules (as written) each shows. */
  readonly grammarRules: ReadonlyMap<string, ReadonlySet<string>>;
  /** Profile options with a section on the profile options page. */
  readonly profileOptions: ReadonlySet<string>;
  /** Saved traces (repository paths) with a gallery page. */
  readonly traces: ReadonlySet<string>;
}

/** A flagged name: the target does not exist on the site. */
function unlinked(name: string, why: string): string {
  return `${code(name)} <span class="mimi-warning">(${escapeHtml(why)})</span>`;
}

/** A requirement id, linked to its page. */
export function requirementLink(links: SiteLinks, from: string, id: string): string {
  if (!links.requirementIds.has(id)) return unlinked(id, "not in the registry");
  return docLink(from, requirementFile(id), escapeHtml(id));
}

/** Requirement ids, each linked, comma-separated. */
export function requirementLinks(links: SiteLinks, from: string, ids: ReadonlyArray<string>): string {
  return ids.map((id) => requirementLink(links, from, id)).join(", ");
}

/** A grammar rule, linked to its section of its grammar file's page. */
export function grammarRuleLink(links: SiteLinks, from: string, file: string, rule: string): string {
  const rules = links.grammarRules.get(file);
  if (rules === undefined) return unlinked(`${file} ${rule}`, "no such grammar file");
  if (!rules.has(rule)) return unlinked(`${file} ${rule}`, "no such rule in that file");
  return docLink(from, grammarFile(file), code(rule), headingSlug(rule));
}

/** A profile option, linked to its section of the profile options page. */
export function profileOptionLink(links: SiteLinks, from: string, name: string): string {
  if (!links.profileOptions.has(name)) return code(name);
  return docLink(from, PROFILE_OPTIONS_FILE, code(name), headingSlug(name));
}

/** A saved trace, linked to its gallery page when it has one. */
export function traceLink(links: SiteLinks, from: string, tracePath: string, label: string): string {
  if (!links.traces.has(tracePath)) return code(label);
  return docLink(from, traceFile(tracePath), escapeHtml(label));
}
