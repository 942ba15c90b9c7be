/**
 * The profile options page: the named profiles, then every option the machine reads with its
 * choices (what each means and which documents give it, from the registry), its default and why,
 * and what it changes: the guards a choice turns on, the power levels it sets, the membership
 * transitions it adds or removes, and the machine modules that read it.
 *
 * @module
 */
import { type Dirent, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type Models, membershipDiagram } from "@mimi-spec/machine/models";
import type { RequirementEntry } from "@mimi-spec/schema";
import { guardLink } from "./api-links.ts";
import { docLink, headingSlug, type SiteDocument } from "./document.ts";
import { code, element, escapeHtml, htmlBlock, list, table, text } from "./html.ts";
import { type StateEdge, stateEdges } from "./mermaid.ts";
import { PROFILE_OPTIONS_FILE, requirementLink, requirementLinks, type SiteLinks } from "./site-links.ts";

/** What the profile options page is built from. */
export interface ProfileOptionsInput {
  readonly models: Models;
  readonly registry: ReadonlyArray<RequirementEntry>;
  /** The machine source files (repository paths) that name each option. */
  readonly optionReaders: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly links: SiteLinks;
}

/** The machine's hand-written sources, where options are read (generated tables and model schemas excluded). */
export const MACHINE_SOURCES = "packages/machine/src";

/** For each option name, the machine source files that mention it as a string literal. */
export function readOptionReaders(root: string, options: ReadonlyArray<string>): Map<string, string[]> {
  const readers = new Map<string, string[]>(options.map((o) => [o, []]));
  const walk = (dir: string): void => {
    const entries: Dirent[] = readdirSync(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "models") walk(path);
        continue;
      }
      if (!entry.name.endsWith(".ts")) continue;
      const source = readFileSync(path, "utf8");
      const file = relative(root, path).split(sep).join("/");
      for (const option of options)
        if (source.includes(`"${option}"`)) (readers.get(option) as string[]).push(file);
    }
  };
  walk(join(root, MACHINE_SOURCES));
  return readers;
}

/** The membership transitions that appear and disappear when `option` is set to `value`. */
export function membershipEdgeChanges(
  models: Models,
  baseValues: Readonly<Record<string, string>>,
  option: string,
  value: string,
): { readonly added: StateEdge[]; readonly removed: StateEdge[] } {
  const probe = (values: Readonly<Record<string, string>>): StateEdge[] => {
    const name = "mimi-docs-probe";
    const withProbe: Models = {
      ...models,
      profiles: {
        ...models.profiles,
        profiles: [...models.profiles.profiles, { name, summary: "probe", values: { ...values } }],
      },
    };
    return stateEdges(membershipDiagram(withProbe, name));
  };
  const key = (e: StateEdge) => `${e.from}>${e.to}>${e.label}`;
  const before = probe(baseValues);
  const after = probe({ ...baseValues, [option]: value });
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((e) => !beforeKeys.has(key(e))),
    removed: before.filter((e) => !afterKeys.has(key(e))),
  };
}

function edgeText(e: StateEdge): string {
  return code(`${e.from} → ${e.to} (${e.label})`);
}

function changesHtml(
  input: ProfileOptionsInput,
  option: string,
  choices: ReadonlyArray<string>,
  defaultValue: string,
  baseValues: Readonly<Record<string, string>>,
): string {
  const { models, links } = input;
  const from = PROFILE_OPTIONS_FILE;
  const items: string[] = [];
  for (const guard of models.guards) {
    const value = guard.enabledWhen?.[option];
    if (value !== undefined)
      items.push(
        `${code(value)} turns on the guard ${guardLink(links.catalog, guard.id)}: ${escapeHtml(guard.reason)}`,
      );
  }
  for (const [action, name] of Object.entries(models.permissions.actionOptions))
    if (name === option) {
      const levels = Object.entries(models.permissions.levelChoices)
        .map(([choice, level]) => `${code(choice)} → ${level}`)
        .join(", ");
      items.push(`sets the default power level needed to ${escapeHtml(action)}: ${levels}`);
    }
  for (const value of choices) {
    if (value === defaultValue) continue;
    const { added, removed } = membershipEdgeChanges(models, baseValues, option, value);
    if (added.length + removed.length === 0) continue;
    const parts = [
      ...(added.length === 0 ? [] : [`adds ${added.map(edgeText).join(", ")}`]),
      ...(removed.length === 0 ? [] : [`removes ${removed.map(edgeText).join(", ")}`]),
    ];
    items.push(
      `${code(value)} changes the ${docLink(from, "machine/membership.md", "membership machine")}: ${parts.join("; ")}`,
    );
  }
  const readers = input.optionReaders.get(option) ?? [];
  if (readers.length > 0) items.push(`read by ${readers.map((f) => code(f)).join(", ")}`);
  return items.length === 0
    ? text("p", { class: "mimi-warning" }, "Nothing in the machine reads this option yet.")
    : list(items);
}

function optionSection(input: ProfileOptionsInput, option: Models["profiles"]["options"][number]): string {
  const { models, links, registry } = input;
  const from = PROFILE_OPTIONS_FILE;
  const entry = registry.find((e) => e.profileOption?.name === option.name);
  const registered = entry?.profileOption;
  const defaultProfile = models.profiles.profiles.find((p) => p.name === models.profiles.default);
  const baseValues = defaultProfile?.values ?? {};
  const defaultValue = baseValues[option.name] ?? registered?.default ?? option.unregistered?.default ?? "";
  const implemented = option.implemented ?? option.choices;
  const rows = option.choices.map((value) => {
    const choice = registered?.choices.find((c) => c.value === value);
    const profiles = models.profiles.profiles
      .filter((p) => p.values[option.name] === value)
      .map((p) => p.name);
    return [
      code(value) + (value === defaultValue ? " <strong>(default)</strong>" : ""),
      choice === undefined ? "—" : escapeHtml(choice.summary),
      choice === undefined
        ? "—"
        : choice.sources.length === 0
          ? "no document"
          : escapeHtml(choice.sources.join(", ")),
      implemented.includes(value) ? "yes" : text("span", { class: "mimi-warning" }, "not yet"),
      profiles.length === 0 ? "—" : escapeHtml(profiles.join(", ")),
    ];
  });
  const question =
    entry !== undefined
      ? `${requirementLink(links, from, entry.id)}: ${escapeHtml(entry.statement)}`
      : option.unregistered !== undefined
        ? `${escapeHtml(option.unregistered.summary)} (not in the registry yet; serves ${requirementLinks(links, from, option.unregistered.requirements)})`
        : text("span", { class: "mimi-warning" }, "no registry entry names this option");
  const parts = [
    element("p", {}, question),
    table(["Choice", "Meaning", "Given by", "Machine runs it", "Profiles"], rows),
    registered === undefined
      ? ""
      : text("p", {}, `Default ${registered.default} (${registered.defaultBasis}): ${registered.rationale}`),
    element("h4", {}, "What it changes"),
    changesHtml(input, option.name, option.choices, defaultValue, baseValues),
  ];
  return [`## ${option.name}`, "", htmlBlock(parts.join("\n"), { class: "mimi-option" }), ""].join("\n");
}

/** The profile options page. */
export function profileOptionsDocument(input: ProfileOptionsInput): SiteDocument {
  const { models } = input;
  const base = models.profiles.profiles.find((p) => p.name === models.profiles.default);
  const profiles = models.profiles.profiles.map((p) => {
    const differences = Object.entries(p.values)
      .filter(([k, v]) => base?.values[k] !== v)
      .map(([k, v]) => code(`${k} = ${v}`));
    return [
      code(p.name) + (p.name === models.profiles.default ? " <strong>(default)</strong>" : ""),
      escapeHtml(p.summary),
      p.name === models.profiles.default ? "—" : differences.length === 0 ? "none" : differences.join(", "),
    ];
  });
  const intro = [
    text(
      "p",
      {},
      "Where the drafts leave a choice open or disagree, the machine never assumes an answer: it reads a named profile option. A profile assigns every option; a trace can override single options.",
    ),
    element("h3", {}, "Named profiles"),
    table(["Profile", "What it is", `Differs from ${models.profiles.default} in`], profiles),
    element(
      "p",
      {},
      "Options: ",
      models.profiles.options
        .map((o) => element("a", { href: `#${headingSlug(o.name)}` }, code(o.name)))
        .join(", "),
    ),
  ];
  return {
    file: PROFILE_OPTIONS_FILE,
    title: "Profile options",
    body: [
      "# Profile options",
      "",
      htmlBlock(intro.join("\n")),
      "",
      ...models.profiles.options.map((o) => optionSection(input, o)),
    ].join("\n"),
  };
}
