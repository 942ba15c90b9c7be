/**
 * The docs site in a real browser: Debian's Chromium, driven by playwright-core, loads the site
 * built by `buildDocs` from the local server behind `mimi docs --serve`. The site is built once
 * for the whole file. Without /usr/bin/chromium every test fails with a message saying how to
 * install it (CI installs it; this test never downloads a browser).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUIREMENTS } from "@mimi-spec/schema";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../src/commands/docs.ts";
import { type SiteServer, serveSite } from "../../src/docs/serve.ts";
import { requirementStatus } from "../../src/docs/traceability.ts";
import { brokenLinks, type CrawledPage, crawlSite } from "./site-crawl.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

let out = "";
let server: SiteServer | undefined;
let browser: Browser | undefined;
let pages = new Map<string, CrawledPage>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the docs browser test needs Debian's Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` (never \`playwright install\`)`,
    );
  out = mkdtempSync(join(tmpdir(), "mimi-docs-browser-"));
  const build = await buildDocs(out);
  if (!build.ok)
    throw new Error(`the docs build failed: ${build.errors} error(s), ${build.warnings} warning(s)`);
  server = await serveSite(out);
  pages = await crawlSite(server.url);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out !== "") rmSync(out, { recursive: true, force: true });
});

/** The URL of the crawled page whose title starts with `title`. */
function pageTitled(title: string): string {
  const found = [...pages.values()].find((p) => p.title.startsWith(`${title} |`));
  if (found === undefined) throw new Error(`no page titled ${title}`);
  return found.url;
}

/** A browser tab that records console errors, page errors and failed requests. */
async function tab(): Promise<{ page: Page; problems: string[] }> {
  const page = await (browser as Browser).newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/**
 * Loads `url` and, when the crawl saw diagrams on it, waits until the site script has rendered
 * them (asking the page costs a round trip, so pages without diagrams are not asked).
 */
async function load(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  if (pages.get(url)?.hasDiagrams === true)
    await page.waitForFunction("document.documentElement.dataset.mimiDiagrams === 'rendered'", undefined, {
      timeout: 30_000,
    });
}

/** Opens `url` in a fresh tab. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await tab();
  await load(opened.page, url);
  return opened;
}

describe("the docs site in Chromium", () => {
  it("lists every requirement id of the registry in the matrix, and filters it", async () => {
    const { page, problems } = await open(pageTitled("Requirement traceability"));
    const rows = page.locator("#mimi-matrix tbody tr");
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")));
    expect(ids).toEqual(REQUIREMENTS.map((e) => e.id));
    const firstCells = await page.locator("#mimi-matrix tbody tr td:first-child").allTextContents();
    expect(firstCells.map((t) => t.trim())).toEqual(REQUIREMENTS.map((e) => e.id));
    const openQuestions = REQUIREMENTS.filter((e) => requirementStatus(e) === "open question").length;
    await page.selectOption("#mimi-filter-status", "open question");
    await expect.poll(() => page.locator("#mimi-matrix tbody tr:visible").count()).toBe(openQuestions);
    expect(await page.locator("#mimi-filter-count").textContent()).toBe(
      `${openQuestions} of ${REQUIREMENTS.length} shown`,
    );
    expect(page.url()).toContain("status=open+question");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("draws railroad diagrams as SVG with paths", async () => {
    const { page, problems } = await open(pageTitled("identifiers.abnf"));
    const diagram = page.locator("svg.railroad").first();
    expect(await page.locator("svg.railroad").count()).toBeGreaterThan(5);
    expect(await diagram.locator("path").count()).toBeGreaterThan(3);
    const box = await diagram.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(20);
    // A rule box links to that rule's section of the page.
    const href = await diagram.locator("a").first().getAttribute("href");
    expect(href).toMatch(/^#/);
    expect(await page.locator(`[id="${(href as string).slice(1)}"]`).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("renders the state diagrams with the site's own Mermaid", async () => {
    const { page, problems } = await open(pageTitled("Membership"));
    const svg = page.locator("pre.mermaid svg").first();
    expect(await svg.getAttribute("aria-roledescription")).toMatch(/^stateDiagram/);
    expect(await svg.locator("g").count()).toBeGreaterThan(5);
    expect(await svg.textContent()).toContain("ban");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("finds CHAT-2 with the site's search", async () => {
    const { page, problems } = await open(`${server?.url}index.html`);
    await page.locator("#tsd-search-trigger").click();
    await page.locator("#tsd-search-input").fill("CHAT-2");
    const first = page.locator("#tsd-search-results li a").first();
    await first.waitFor({ timeout: 20_000 });
    expect((await first.textContent())?.trim()).toMatch(/(^|\.)CHAT-2$/);
    await first.click();
    await page.waitForURL(/CHAT-2\.html$/);
    expect(await page.locator("h1").first().textContent()).toContain("CHAT-2");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("has no broken internal link on any page", async () => {
    // The crawl fetched every page reachable from index.html: every generated page and every
    // API page.
    expect(pages.size).toBeGreaterThan(500);
    expect([...pages.values()].filter((p) => p.status !== 200).map((p) => p.url)).toEqual([]);
    expect(await brokenLinks(pages)).toEqual([]);
  }, 60_000);

  it("logs no console error on any page of every kind", async () => {
    // One template per kind of page, so a sample of each (a browser pass over all ~1,400 pages
    // takes minutes): every generated page but the requirement pages, every fifth of those, the
    // top-level pages, and the first three pages of each API directory. The crawl above has
    // already checked every script, style sheet and link of every page.
    const base = (server as SiteServer).url;
    const byDir = new Map<string, string[]>();
    for (const url of [...pages.keys()].sort()) {
      const path = url.slice(base.length);
      const dir = !path.includes("/")
        ? "."
        : path.startsWith("documents/Requirement_traceability.")
          ? "requirements"
          : (path.split("/")[0] as string);
      byDir.set(dir, [...(byDir.get(dir) ?? []), url]);
    }
    const urls = [...byDir].flatMap(([dir, list]) =>
      dir === "." || dir === "documents"
        ? list
        : dir === "requirements"
          ? list.filter((_, i) => i % 5 === 0)
          : list.slice(0, 3),
    );
    const problems: string[] = [];
    const queue = [...urls];
    const worker = async (): Promise<void> => {
      const { page, problems: seen } = await tab();
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        await load(page, url);
        problems.push(...seen.splice(0).map((p) => `${url}: ${p}`));
      }
      await page.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(urls.length).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  }, 120_000);
});
