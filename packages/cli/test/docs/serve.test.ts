import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentTypeOf, resolveRequestPath, type SiteServer, serveSite } from "../../src/docs/serve.ts";

const outside = mkdtempSync(join(tmpdir(), "mimi-serve-outside-"));
writeFileSync(join(outside, "secret.txt"), "secret");
const site = realpathSync(mkdtempSync(join(tmpdir(), "mimi-serve-")));
writeFileSync(join(site, "index.html"), "<h1>home</h1>");
mkdirSync(join(site, "assets"));
writeFileSync(join(site, "assets", "main.js"), "1;");
writeFileSync(join(site, "assets", "icons.svg"), "<svg/>");
writeFileSync(join(site, "a b.html"), "spaced");
symlinkSync(join(outside, "secret.txt"), join(site, "link.txt"));

describe("resolveRequestPath", () => {
  it("serves files and directory indexes inside the site", () => {
    expect(resolveRequestPath(site, "/")).toMatchObject({ kind: "file", path: join(site, "index.html") });
    expect(resolveRequestPath(site, "/assets/main.js?v=1#x")).toMatchObject({ kind: "file" });
    expect(resolveRequestPath(site, "/a%20b.html")).toMatchObject({ kind: "file" });
  });

  it("refuses paths that leave the site, however they are spelled", () => {
    for (const path of [
      "/../secret.txt",
      "/assets/../../x",
      "/%2e%2e/x",
      "/..%2fx",
      "/a%5c..%5cx",
      "/x%00.html",
    ])
      expect(resolveRequestPath(site, path)).toMatchObject({ kind: "status", status: 400 });
    expect(resolveRequestPath(site, "/%zz")).toMatchObject({ kind: "status", status: 400 });
  });

  it("answers 404 for missing files and symlinks that lead outside", () => {
    expect(resolveRequestPath(site, "/nope.html")).toMatchObject({ kind: "status", status: 404 });
    expect(resolveRequestPath(site, "/link.txt")).toMatchObject({ kind: "status", status: 404 });
  });
});

describe("contentTypeOf", () => {
  it("knows the site's file types", () => {
    expect(contentTypeOf("a/index.html")).toBe("text/html; charset=utf-8");
    expect(contentTypeOf("x.JS")).toBe("text/javascript; charset=utf-8");
    expect(contentTypeOf("i.svg")).toBe("image/svg+xml");
    expect(contentTypeOf("blob")).toBe("application/octet-stream");
  });
});

/** The status of a GET with `path` sent exactly as written. */
function rawStatus(port: number, path: string): Promise<number | undefined> {
  return new Promise((settle, fail) => {
    get({ host: "127.0.0.1", port, path }, (res) => {
      res.resume();
      settle(res.statusCode);
    }).on("error", fail);
  });
}

describe("serveSite", () => {
  let server: SiteServer;
  beforeAll(async () => {
    server = await serveSite(site);
  });
  afterAll(() => server.close());

  it("serves on the loopback interface with content types", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await fetch(server.url);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await home.text()).toBe("<h1>home</h1>");
    const svg = await fetch(`${server.url}assets/icons.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("answers 404, 400 and 405 as plain text", async () => {
    const missing = await fetch(`${server.url}missing.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("404 not found\n");
    // fetch normalises dot segments away, so raw paths go through node:http.
    expect(await rawStatus(server.port, "/%2e%2e/%2e%2e/etc/passwd")).toBe(400);
    expect(await rawStatus(server.port, "/../../etc/passwd")).toBe(400);
    const post = await fetch(server.url, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const head = await fetch(`${server.url}assets/main.js`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe("2");
  });

  it("fails clearly when the port is taken", async () => {
    await expect(serveSite(site, { port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
