import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyMermaid, MERMAID_ASSET, SITE_SCRIPT, writeSiteAssets } from "../../src/docs/site-assets.ts";

const repo = new URL("../../../../", import.meta.url).pathname;

describe("site assets", () => {
  it("the site script is valid JavaScript that loads Mermaid from the site's own assets", () => {
    expect(() => new Function(SITE_SCRIPT)).not.toThrow();
    expect(SITE_SCRIPT).toContain(`"assets/${MERMAID_ASSET}"`);
    expect(SITE_SCRIPT).not.toMatch(/https?:\/\//);
  });

  it("writes the script, style sheet and icon", () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-assets-"));
    const files = writeSiteAssets(dir);
    for (const file of Object.values(files)) expect(existsSync(file)).toBe(true);
    expect(readFileSync(files.favicon, "utf8")).toMatch(/^<svg/);
  });

  it("copies the installed Mermaid bundle, or says it is missing", () => {
    const out = mkdtempSync(join(tmpdir(), "mimi-site-"));
    mkdirSync(join(out, "assets"));
    copyMermaid(repo, out);
    expect(readFileSync(join(out, "assets", MERMAID_ASSET), "utf8").length).toBeGreaterThan(100_000);
    expect(() => copyMermaid(out, out)).toThrow(/mermaid\.min\.js is missing/);
  });
});
