/**
 * `mimi docs [--out DIR]`: builds the typedoc site of every package, with validation on and
 * warnings treated as errors, so an undocumented export or a broken link fails the build.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Application } from "typedoc";
import { type Io, UserError } from "../io.ts";
import { repoRoot } from "../repo.ts";

/** Help text of the command. */
export const docsUsage = `mimi docs [--out DIR]

Builds the documentation site (API of every package) into DIR (default docs/site).
Fails (exit 1) on any typedoc warning: undocumented exports, broken links.`;

/** The packages whose API the site documents. */
export const DOCUMENTED_PACKAGES = [
  "grammar",
  "schema",
  "machine",
  "checker",
  "codegen",
  "drafts",
  "cli",
] as const;

/**
 * The reflection kinds that must carry a doc comment: every exported name. Interface properties
 * are not yet on the list (many are self-explanatory fields such as `kind` or `span`).
 */
export const REQUIRED_TO_BE_DOCUMENTED = [
  "Enum",
  "EnumMember",
  "Variable",
  "Function",
  "Class",
  "Interface",
  "TypeAlias",
  "Method",
  "Accessor",
] as const;

/** Result of a docs build. */
export interface DocsBuild {
  readonly ok: boolean;
  readonly out: string;
  readonly errors: number;
  readonly warnings: number;
}

/** What to document; the repository's packages by default. */
export interface DocsSources {
  readonly entryPoints: ReadonlyArray<string>;
  readonly tsconfig: string;
  readonly readme: string;
  /** Package names whose exports must all be documented. */
  readonly packages: ReadonlyArray<string>;
}

/** The repository's own packages. */
export function repositoryDocsSources(root = repoRoot()): DocsSources {
  return {
    entryPoints: DOCUMENTED_PACKAGES.map((p) => join(root, "packages", p, "src", "index.ts")),
    tsconfig: join(root, "tsconfig.docs.json"),
    readme: join(root, "README.md"),
    packages: DOCUMENTED_PACKAGES.map((p) => `@mimi-spec/${p}`),
  };
}

/** Builds the site into `out`. */
export async function buildDocs(
  out: string,
  sources: DocsSources = repositoryDocsSources(),
): Promise<DocsBuild> {
  const app = await Application.bootstrapWithPlugins({
    name: "mimi-spec",
    entryPoints: [...sources.entryPoints],
    entryPointStrategy: "resolve",
    tsconfig: sources.tsconfig,
    readme: sources.readme,
    out,
    excludePrivate: true,
    excludeInternal: true,
    validation: { notExported: true, invalidLink: true, notDocumented: true },
    requiredToBeDocumented: [...REQUIRED_TO_BE_DOCUMENTED],
    // Without this, typedoc only checks the package of the first entry point.
    packagesRequiringDocumentation: [...sources.packages],
    treatWarningsAsErrors: true,
    logLevel: "Warn",
    githubPages: false,
    disableSources: true,
  });
  const project = await app.convert();
  if (project === undefined)
    return { ok: false, out, errors: app.logger.errorCount, warnings: app.logger.warningCount };
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    return { ok: false, out, errors: app.logger.errorCount, warnings: app.logger.warningCount };
  }
  await app.generateDocs(project, out);
  return {
    ok: !app.logger.hasErrors() && !app.logger.hasWarnings(),
    out,
    errors: app.logger.errorCount,
    warnings: app.logger.warningCount,
  };
}

/** Runs the command; returns the exit status. */
export async function docsCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help === true) {
    io.out(`${docsUsage}\n`);
    return 0;
  }
  if (values.out === "") throw new UserError("--out needs a directory");
  const out = resolve(io.cwd, values.out ?? join(repoRoot(), "docs", "site"));
  const result = await buildDocs(out);
  if (!result.ok) {
    io.err(`docs build failed: ${result.errors} error(s), ${result.warnings} warning(s) (see above)\n`);
    return 1;
  }
  io.out(`docs written to ${out}\n`);
  return 0;
}
