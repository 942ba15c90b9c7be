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
export const DOCUMENTED_PACKAGES = ["grammar", "schema", "machine", "checker", "codegen", "cli"] as const;

/** Result of a docs build. */
export interface DocsBuild {
  readonly ok: boolean;
  readonly out: string;
  readonly errors: number;
  readonly warnings: number;
}

/** Builds the site into `out`. */
export async function buildDocs(out: string): Promise<DocsBuild> {
  const root = repoRoot();
  const app = await Application.bootstrapWithPlugins({
    name: "mimi-spec",
    entryPoints: DOCUMENTED_PACKAGES.map((p) => join(root, "packages", p, "src", "index.ts")),
    entryPointStrategy: "resolve",
    tsconfig: join(root, "tsconfig.json"),
    readme: join(root, "README.md"),
    out,
    excludePrivate: true,
    excludeInternal: true,
    validation: { notExported: true, invalidLink: true, notDocumented: true },
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
