/**
 * `mimi docs [--out DIR] [--serve [--port N] [--no-build]]`: builds the typedoc site of every
 * package plus the generated reviewer pages (requirement traceability, grammar, state machines,
 * counterexamples; see `docs/`), with validation on and warnings treated as errors, so an
 * undocumented export or a broken link fails the build; `--serve` then serves it on localhost.
 *
 * @module
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Application } from "typedoc";
import { type SiteServer, serveSite } from "../docs/serve.ts";
import { copyMermaid } from "../docs/site-assets.ts";
import { writeSitePages } from "../docs/site-pages.ts";
import { type Io, UserError } from "../io.ts";
import { repoRoot } from "../repo.ts";

/** Help text of the command. */
export const docsUsage = `mimi docs [--out DIR] [--serve [--port N] [--no-build]]

Builds the documentation site into DIR (default docs/site): the API of every package, and pages
generated from the code: the requirement traceability matrix, railroad diagrams of the grammar,
the state machines and the counterexample gallery.
Fails (exit 1) on any typedoc warning: undocumented exports, broken links.

  --serve      after building, serve DIR on http://127.0.0.1 until interrupted
  --port N     the port to serve on (default 8080; 0 picks a free one)
  --no-build   serve DIR as it is, without building it first`;

/** The port `--serve` uses when none is given. */
export const DEFAULT_DOCS_PORT = 8080;

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
  /** How many pages were generated from the code (traceability, grammar, machine, gallery). */
  readonly generatedPages: number;
  /** How many HTML pages the site has in all (0 when the build failed). */
  readonly pages: number;
}

/** What to document; the repository's packages by default. */
export interface DocsSources {
  readonly entryPoints: ReadonlyArray<string>;
  readonly tsconfig: string;
  readonly readme: string;
  /** Package names whose exports must all be documented. */
  readonly packages: ReadonlyArray<string>;
  /**
   * The repository whose registry, grammars, models and traces the generated pages describe;
   * without it the site has the API pages only.
   */
  readonly pagesRoot?: string;
}

/** The repository's own packages. */
export function repositoryDocsSources(root = repoRoot()): DocsSources {
  return {
    entryPoints: DOCUMENTED_PACKAGES.map((p) => join(root, "packages", p, "src", "index.ts")),
    tsconfig: join(root, "tsconfig.docs.json"),
    readme: join(root, "README.md"),
    packages: DOCUMENTED_PACKAGES.map((p) => `@mimi-spec/${p}`),
    pagesRoot: root,
  };
}

/** Counts the `.html` files under `dir`. */
export function countHtmlPages(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html")).length;
}

/**
 * Builds the site into `out`. The generated pages are written to a scratch directory first,
 * which typedoc reads as project documents and which is removed afterwards.
 */
export async function buildDocs(
  out: string,
  sources: DocsSources = repositoryDocsSources(),
): Promise<DocsBuild> {
  const scratch =
    sources.pagesRoot === undefined ? undefined : mkdtempSync(join(tmpdir(), "mimi-docs-pages-"));
  try {
    const pages =
      sources.pagesRoot === undefined || scratch === undefined
        ? undefined
        : writeSitePages(sources.pagesRoot, scratch);
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
      ...(pages === undefined
        ? {}
        : {
            projectDocuments: [...pages.projectDocuments],
            customJs: pages.customJs,
            customCss: pages.customCss,
            favicon: pages.favicon,
            // Requirement ids, guard ids and rule names live in the generated pages' text.
            searchInDocuments: true,
          }),
    });
    const generatedPages = pages?.documents ?? 0;
    const failed = (): DocsBuild => ({
      ok: false,
      out,
      errors: app.logger.errorCount,
      warnings: app.logger.warningCount,
      generatedPages,
      pages: 0,
    });
    const project = await app.convert();
    if (project === undefined) return failed();
    app.validate(project);
    if (app.logger.hasErrors() || app.logger.hasWarnings()) return failed();
    await app.generateDocs(project, out);
    if (app.logger.hasErrors() || app.logger.hasWarnings()) return failed();
    if (sources.pagesRoot !== undefined) copyMermaid(sources.pagesRoot, out);
    return {
      ok: true,
      out,
      errors: app.logger.errorCount,
      warnings: app.logger.warningCount,
      generatedPages,
      pages: countHtmlPages(out),
    };
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Parses `--port`: a whole number from 0 to 65535. */
export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DOCS_PORT;
  if (!/^\d+$/.test(text) || Number(text) > 65_535)
    throw new UserError(`--port needs a port number from 0 to 65535, not ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * Runs the command; returns the exit status. With `--serve` it returns only once `stop`
 * settles (by default: when the process gets SIGINT or SIGTERM).
 */
export async function docsCommand(
  args: ReadonlyArray<string>,
  io: Io,
  stop?: Promise<unknown>,
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      out: { type: "string" },
      serve: { type: "boolean" },
      port: { type: "string" },
      "no-build": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.out(`${docsUsage}\n`);
    return 0;
  }
  if (values.out === "") throw new UserError("--out needs a directory");
  if (values.serve !== true && (values.port !== undefined || values["no-build"] === true))
    throw new UserError("--port and --no-build only make sense with --serve");
  const port = parsePort(values.port);
  const out = resolve(io.cwd, values.out ?? join(repoRoot(), "docs", "site"));
  if (values["no-build"] !== true) {
    const result = await buildDocs(out);
    if (!result.ok) {
      io.err(`docs build failed: ${result.errors} error(s), ${result.warnings} warning(s) (see above)\n`);
      return 1;
    }
    io.out(
      `docs written to ${out}: ${result.pages} pages, ${result.generatedPages} of them generated from the code\n`,
    );
  }
  if (values.serve !== true) return 0;
  if (!existsSync(join(out, "index.html")))
    throw new UserError(`${out} holds no built site; run \`mimi docs\` first, or drop --no-build`);
  let server: SiteServer;
  try {
    server = await serveSite(out, { port });
  } catch (e) {
    throw new UserError(`cannot serve ${out}: ${(e as Error).message}`);
  }
  io.out(`serving ${out} at ${server.url} (Ctrl-C to stop)\n`);
  // Listen for signals only now: during the build, Ctrl-C must still end the process.
  await (stop ?? interrupted());
  await server.close();
  return 0;
}

/** Settles on the first SIGINT or SIGTERM (and stops listening for them). */
function interrupted(): Promise<void> {
  return new Promise((settle) => {
    const done = (): void => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      settle();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}
