/**
 * A static file server for the built site (`mimi docs --serve`), on the loopback interface only.
 * It serves files under the site directory and nothing else: the request path is decoded,
 * normalised and must stay inside the directory (no `..`, no NUL, no symlink escape), a
 * directory serves its `index.html`, anything missing is a 404, and only GET and HEAD are allowed.
 *
 * @module
 */
import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

/** Content types by file extension; anything else is served as bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};

/** The content type of a file name. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/** Where a request path leads: a file to send, or the status to answer with. */
export type Resolved =
  | { readonly kind: "file"; readonly path: string; readonly size: number }
  | { readonly kind: "status"; readonly status: 400 | 404; readonly message: string };

/**
 * Resolves the path part of a request URL against the site directory `root` (an absolute, real
 * path). Pure apart from reading the file system, so it is tested without a server.
 */
export function resolveRequestPath(root: string, urlPath: string): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/, 1)[0] ?? "/");
  } catch {
    return { kind: "status", status: 400, message: "bad request: the path is not valid percent-encoding" };
  }
  if (decoded.includes("\u0000")) return { kind: "status", status: 400, message: "bad request: NUL in path" };
  // Backslashes are separators on Windows; refuse them everywhere so a path means one thing.
  if (decoded.includes("\\") || decoded.split("/").includes(".."))
    return { kind: "status", status: 400, message: "bad request: the path leaves the site" };
  let path = resolve(root, `.${decoded.startsWith("/") ? decoded : `/${decoded}`}`);
  if (path !== root && !path.startsWith(root + sep))
    return { kind: "status", status: 400, message: "bad request: the path leaves the site" };
  try {
    let stats = statSync(path);
    if (stats.isDirectory()) {
      path = join(path, "index.html");
      stats = statSync(path);
    }
    // A symlink inside the site must not lead outside it.
    const real = realpathSync(path);
    if (!real.startsWith(root + sep)) return { kind: "status", status: 404, message: "not found" };
    if (!stats.isFile()) return { kind: "status", status: 404, message: "not found" };
    return { kind: "file", path: real, size: stats.size };
  } catch {
    return { kind: "status", status: 404, message: "not found" };
  }
}

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(`${status} ${message}\n`);
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    answer(res, 405, "method not allowed");
    return;
  }
  const target = resolveRequestPath(root, req.url ?? "/");
  if (target.kind === "status") {
    answer(res, target.status, target.message);
    return;
  }
  res.writeHead(200, {
    "content-type": contentTypeOf(target.path),
    "content-length": String(target.size),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(target.path);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** A running site server. */
export interface SiteServer {
  /** The site's address, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and closes open ones. */
  readonly close: () => Promise<void>;
}

/** Options of {@link serveSite}. */
export interface ServeOptions {
  /** The port; 0 picks a free one. */
  readonly port?: number;
  /** The interface to listen on (default the IPv4 loopback, so the site is never exposed). */
  readonly host?: string;
}

/** Serves `dir` over HTTP until closed. Fails when `dir` is not a directory or the port is taken. */
export async function serveSite(dir: string, options: ServeOptions = {}): Promise<SiteServer> {
  const root = realpathSync(resolve(dir));
  if (!statSync(root).isDirectory()) throw new Error(`${dir} is not a directory`);
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((req, res) => handle(root, req, res));
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
