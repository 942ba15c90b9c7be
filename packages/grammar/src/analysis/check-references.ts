/**
 * Checks about names: references to rules nobody defined (with a did-you-mean), one rule spelled
 * with different case, and rules nothing uses.
 *
 * Which rules count as used:
 * - With start rules given, every grammar rule that cannot be reached from them is an
 *   `unreachable-rule` (warning): a grammar for one purpose should not carry dead rules.
 * - Without start rules, the first rule of the grammar is taken as its start, and a rule that no
 *   *other* rule refers to is an `unused-rule` (info) unless it is that first rule. Such rules are
 *   still treated as entry points (RFC grammars collect several, e.g. RFC 3986's `URI-reference`
 *   and `absolute-URI`), so what they use is not reported again; rules referenced only from
 *   within a cycle nothing else enters are `unused-rule` too.
 * Rules supplied with `--define` are never reported as unused: they stand in for another document.
 *
 * @module
 */
import { type Diagnostic, diagnostic } from "../diagnostic.ts";
import { ruleKey } from "../grammar.ts";
import { SourceText, type Span } from "../source.ts";
import { type AnalysisContext, nameList } from "./context.ts";
import { type NameCandidate, suggestName } from "./names.ts";
import { reachableFrom } from "./rule-graph.ts";
import { authoredRules } from "./walk.ts";

function candidates(ctx: AnalysisContext): NameCandidate[] {
  return [...ctx.grammar.rules.values()].map((r) => ({ name: r.name, authored: r.origin !== "core" }));
}

/** `undefined-rule`: one diagnostic per reference to a rule that nobody defines. */
export function checkUndefinedRules(ctx: AnalysisContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = candidates(ctx);
  for (const [key, sites] of ctx.references) {
    // A rule whose definition did not parse is reported there; its uses are not undefined.
    if (ctx.grammar.rules.has(key) || ctx.grammar.brokenRuleKeys.has(key)) continue;
    for (const site of sites) {
      const from = ctx.grammar.rules.get(site.from)?.name ?? site.from;
      const suggestion = suggestName(site.name, names);
      out.push(
        diagnostic(
          "undefined-rule",
          `rule \`${site.name}\` is used in \`${from}\` but never defined, and is not an RFC 5234 core rule`,
          site.source,
          site.span,
          {
            hint:
              suggestion === undefined
                ? `define \`${site.name}\`, or supply its definition from another document with --define`
                : `did you mean \`${suggestion}\`?`,
          },
        ),
      );
    }
  }
  return out;
}

/**
 * `undefined-rule` for start rules that name no rule. The names are shown in a pseudo-source
 * `<start rules>` holding the list, so the caret points at the bad name.
 */
export function checkStartRules(ctx: AnalysisContext, startRules: ReadonlyArray<string>): Diagnostic[] {
  const source = new SourceText("<start rules>", startRules.join(" "));
  const out: Diagnostic[] = [];
  let offset = 0;
  for (const name of startRules) {
    const span: Span = { start: offset, end: offset + name.length };
    offset += name.length + 1;
    if (ctx.grammar.rules.has(ruleKey(name))) continue;
    const suggestion = suggestName(name, candidates(ctx));
    out.push(
      diagnostic("undefined-rule", `start rule \`${name}\` is not defined in the grammar`, source, span, {
        hint:
          suggestion === undefined ? "name a rule the grammar defines" : `did you mean \`${suggestion}\`?`,
      }),
    );
  }
  return out;
}

interface Occurrence {
  readonly name: string;
  readonly source: SourceText;
  readonly span: Span;
}

/**
 * `case-variant-names`: a rule written with more than one capitalisation. The spelling of its
 * (first) definition is the reference; for a core rule, the first spelling in the text. Each other
 * spelling is reported once, where it first appears.
 */
export function checkCaseVariants(ctx: AnalysisContext): Diagnostic[] {
  const sourceIndex = (s: SourceText) => {
    const i = ctx.grammar.sources.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const byKey = new Map<string, Occurrence[]>();
  const add = (key: string, o: Occurrence) => {
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [o]);
    else list.push(o);
  };
  for (const rule of authoredRules(ctx.grammar)) {
    for (const { def, source } of rule.definitions)
      add(rule.key, { name: def.name, source, span: def.nameSpan });
  }
  for (const [key, sites] of ctx.references) for (const s of sites) add(key, s);

  const out: Diagnostic[] = [];
  for (const [key, occurrences] of byKey) {
    if (new Set(occurrences.map((o) => o.name)).size < 2) continue;
    occurrences.sort((a, b) => sourceIndex(a.source) - sourceIndex(b.source) || a.span.start - b.span.start);
    const rule = ctx.grammar.rules.get(key);
    const defined = rule !== undefined && rule.origin !== "core" ? rule.definitions[0] : undefined;
    const reference: Occurrence =
      defined === undefined
        ? (occurrences[0] as Occurrence)
        : { name: defined.def.name, source: defined.source, span: defined.def.nameSpan };
    const reported = new Set([reference.name]);
    for (const o of occurrences) {
      if (reported.has(o.name)) continue;
      reported.add(o.name);
      out.push(
        diagnostic(
          "case-variant-names",
          `\`${o.name}\` is written \`${reference.name}\` elsewhere: rule names ignore case, so both name the same rule`,
          o.source,
          o.span,
          {
            hint: `write \`${reference.name}\` everywhere`,
            related: [
              {
                message: `${defined === undefined ? "first written" : "defined"} as \`${reference.name}\` here`,
                source: reference.source,
                span: reference.span,
              },
            ],
          },
        ),
      );
    }
  }
  return out;
}

/** `unused-rule` or `unreachable-rule`, as the module comment describes. */
export function checkUnusedRules(
  ctx: AnalysisContext,
  startRules: ReadonlyArray<string> | undefined,
): Diagnostic[] {
  const { grammar, graph } = ctx;
  const referrers = (key: string) => [...(graph.reverse.get(key) ?? [])].filter((k) => k !== key);
  const candidatesToReport = authoredRules(grammar).filter((r) => r.origin === "grammar");
  const out: Diagnostic[] = [];
  const at = (key: string) => {
    const rule = grammar.rules.get(key);
    const first = rule?.definitions[0];
    return {
      name: rule?.name ?? key,
      source: first?.source ?? grammar.sources[0],
      span: first?.def.nameSpan,
    };
  };
  const report = (code: "unused-rule" | "unreachable-rule", key: string, message: string, hint: string) => {
    const place = at(key);
    if (place.source === undefined || place.span === undefined) return;
    out.push(diagnostic(code, message, place.source, place.span, { hint }));
  };
  const displayNames = (keys: ReadonlyArray<string>) => keys.map((k) => grammar.rules.get(k)?.name ?? k);

  if (startRules !== undefined) {
    const starts = startRules.map(ruleKey).filter((k) => grammar.rules.has(k));
    const reach = reachableFrom(graph, starts);
    const startList = nameList(displayNames(starts));
    for (const rule of candidatesToReport) {
      if (reach.has(rule.key)) continue;
      const users = referrers(rule.key);
      const why =
        users.length === 0
          ? "no other rule refers to it"
          : `only ${nameList(displayNames(users), 3)} ${users.length === 1 ? "refers" : "refer"} to it, and ${users.length === 1 ? "that is" : "those are"} unreachable too`;
      report(
        "unreachable-rule",
        rule.key,
        `rule \`${rule.name}\` cannot be reached from the start rule${starts.length === 1 ? "" : "s"} ${startList}: ${why}`,
        "remove it, or list it among the start rules if it is an entry point",
      );
    }
    return out;
  }

  const firstKey = grammar.ownRuleKeys[0];
  const unreferenced = candidatesToReport.filter((r) => r.key !== firstKey && referrers(r.key).length === 0);
  for (const rule of unreferenced) {
    report(
      "unused-rule",
      rule.key,
      `rule \`${rule.name}\` is defined but no other rule refers to it`,
      "remove it, or list it among the start rules if it is an entry point of the grammar",
    );
  }
  const roots = [...(firstKey === undefined ? [] : [firstKey]), ...unreferenced.map((r) => r.key)];
  const reach = reachableFrom(graph, roots);
  for (const rule of candidatesToReport) {
    if (reach.has(rule.key)) continue;
    report(
      "unused-rule",
      rule.key,
      `rule \`${rule.name}\` is never used: it is referred to only by ${nameList(displayNames(referrers(rule.key)), 3)}, which no entry point of the grammar reaches`,
      "these rules only refer to each other: remove them, or list one among the start rules",
    );
  }
  return out;
}
