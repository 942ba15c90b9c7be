/**
 * An HTTP crawl of a served docs site for the browser test: starting at `index.html`, it fetches
 * every page reachable through server-rendered links, and records each page's title, the ids a
 * fragment can point at, and every internal link (`a`, `link`, `script`, `img`, SVG `use`).
 */

/** One crawled page. */
export interface CrawledPage {
  readonly url: string;
  readonly status: number;
  readonly title: string;
  /** `id` and `name` attribute values: the fragments that resolve on this page. */
  readonly ids: ReadonlySet<string>;
  /** Absolute same-origin URLs the page links to or loads. */
  readonly links: ReadonlyArray<string>;
  /** Whether the page has Mermaid diagrams for the site script to render. */
  readonly hasDiagrams: boolean;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const LINK = /<(?:a|link|script|img|use|source)\s[^>]*?\b(?:href|src)="([^"]*)"/g;
const ID = /\s(?:id|name)="([^"]*)"/g;
const TITLE = /<title>([^<]*)<\/title>/;

/** Crawls the site served at `base` (ending in `/`), 16 requests at a time. */
export async function crawlSite(base: string): Promise<Map<string, CrawledPage>> {
  const pages = new Map<string, CrawledPage>();
  const queue = [`${base}index.html`];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const batch = queue.splice(0, 16);
    await Promise.all(
      batch.map(async (url) => {
        const response = await fetch(url);
        const html = await response.text();
        const links = [...html.matchAll(LINK)]
          .map((m) => new URL(decodeEntities(m[1] as string), url).href)
          .filter((href) => href.startsWith(base));
        pages.set(url, {
          url,
          status: response.status,
          title: decodeEntities(TITLE.exec(html)?.[1] ?? ""),
          ids: new Set([...html.matchAll(ID)].map((m) => decodeEntities(m[1] as string))),
          links,
          hasDiagrams: html.includes('<pre class="mermaid"'),
        });
        for (const link of links) {
          const page = link.split("#")[0] as string;
          if (page.endsWith(".html") && !seen.has(page)) {
            seen.add(page);
            queue.push(page);
          }
        }
      }),
    );
  }
  return pages;
}

/**
 * Every link of the crawl that does not resolve: a page that is not 200, a fragment that names
 * no id on its page, or another resource (script, style sheet, icon) that is not 200.
 */
export async function brokenLinks(pages: ReadonlyMap<string, CrawledPage>): Promise<string[]> {
  const broken: string[] = [];
  const resources = new Map<string, string>();
  for (const page of pages.values()) {
    for (const link of page.links) {
      const [target, fragment] = link.split("#") as [string, string | undefined];
      if (!target.endsWith(".html")) {
        resources.set(target, page.url);
        continue;
      }
      const found = pages.get(target);
      if (found === undefined || found.status !== 200)
        broken.push(`${page.url} links to ${link}: status ${found?.status ?? "never fetched"}`);
      else if (fragment !== undefined && fragment !== "" && !found.ids.has(decodeURIComponent(fragment)))
        broken.push(`${page.url} links to ${link}: no element with id ${JSON.stringify(fragment)}`);
    }
  }
  for (const [resource, from] of resources) {
    const response = await fetch(resource, { method: "HEAD" });
    if (response.status !== 200) broken.push(`${from} loads ${resource}: status ${response.status}`);
  }
  return broken;
}
