import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDocs, docsCommand, parsePort } from "../../src/commands/docs.ts";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

describe("mimi docs", () => {
  it("builds the site with no warnings and a page for every package", async () => {
    const out = mkdtempSync(join(tmpdir(), "mimi-docs-"));
    const result = await buildDocs(out);
    expect(result).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(existsSync(join(out, "index.html"))).toBe(true);
    const modules = readFileSync(join(out, "modules.html"), "utf8");
    for (const pkg of ["grammar", "schema", "machine", "checker", "codegen", "cli"])
      expect(modules).toContain(`@mimi-spec/${pkg}`);
    // The generated pages, and the Mermaid copy their diagrams need.
    expect(result.generatedPages).toBeGreaterThan(100);
    expect(result.pages).toBeGreaterThan(result.generatedPages);
    expect(existsSync(join(out, "documents", "Requirement_traceability.html"))).toBe(true);
    expect(existsSync(join(out, "assets", "mermaid.min.js"))).toBe(true);
  }, 180_000);

  it("fails on an undocumented export", async () => {
    const fixture = join(import.meta.dirname, "..", "fixtures", "undocumented");
    const result = await buildDocs(mkdtempSync(join(tmpdir(), "mimi-docs-out-")), {
      entryPoints: [join(fixture, "src", "index.ts")],
      tsconfig: join(fixture, "tsconfig.json"),
      readme: join(fixture, "README.md"),
      packages: ["undocumented-fixture"],
    });
    expect(result.ok).toBe(false);
    expect(result.warnings + result.errors).toBe(1);
  }, 180_000);
});

describe("mimi docs --serve", () => {
  it("serves a built site on localhost, printing its URL, until told to stop", async () => {
    const site = mkdtempSync(join(tmpdir(), "mimi-docs-serve-"));
    writeFileSync(join(site, "index.html"), "<h1>site</h1>");
    const io = memoryIo();
    let stop = (): void => {};
    const stopped = new Promise<void>((settle) => {
      stop = settle;
    });
    const running = docsCommand(["--serve", "--no-build", "--port", "0", "--out", site], io, stopped);
    await expect.poll(() => io.stdout(), { timeout: 10_000 }).toMatch(/at http:\/\/127\.0\.0\.1:\d+\//);
    const url = /(http:\/\/\S+\/)/.exec(io.stdout())?.[1] as string;
    expect(await (await fetch(url)).text()).toBe("<h1>site</h1>");
    stop();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  it("refuses bad ports, serving options without --serve, and a directory with no site", async () => {
    const io = memoryIo();
    expect(await main(["docs", "--serve", "--port", "http"], io)).toBe(2);
    expect(io.stderr()).toContain("--port needs a port number from 0 to 65535");
    expect(await main(["docs", "--serve", "--port", "70000"], memoryIo())).toBe(2);
    const alone = memoryIo();
    expect(await main(["docs", "--no-build"], alone)).toBe(2);
    expect(alone.stderr()).toContain("only make sense with --serve");
    const empty = memoryIo();
    const dir = mkdtempSync(join(tmpdir(), "mimi-docs-empty-"));
    expect(await main(["docs", "--serve", "--no-build", "--out", dir], empty)).toBe(2);
    expect(empty.stderr()).toContain("holds no built site");
  });

  it("parses ports", () => {
    expect(parsePort(undefined)).toBe(8080);
    expect(parsePort("0")).toBe(0);
    expect(parsePort("65535")).toBe(65_535);
    expect(() => parsePort("-1")).toThrow(/port number/);
  });
});
