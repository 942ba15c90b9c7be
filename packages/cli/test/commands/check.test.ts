import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { repoRoot } from "../../src/repo.ts";
import { memoryIo } from "../support.ts";

const fixtures = join(import.meta.dirname, "..", "..", "..", "drafts", "test", "fixtures");

/** Runs `mimi check ARGS` in `cwd`; returns the exit status and everything written. */
async function check(args: string[], cwd = fixtures) {
  const io = memoryIo("", cwd);
  const status = await main(["check", ...args], io);
  return { status, out: io.stdout(), err: io.stderr(), all: io.stdout() + io.stderr() };
}

/** No JavaScript stack frame or error class name in what a user sees. */
function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/\b(?:TypeError|RangeError|Error):/);
}

describe("mimi check", () => {
  it("exits 0 on a clean draft and 1 on a draft with errors, naming file:line:col", async () => {
    expect((await check(["good.md"])).status).toBe(0);
    const broken = await check(["broken.md"]);
    expect(broken.status).toBe(1);
    expect(broken.out).toContain("broken.md:15:20: error[undefined-rule]");
  });

  it("checks the project's own reference draft clean", async () => {
    const r = await check(["spec/draft-mimi-spec-reference.md"], repoRoot());
    expect(r.status).toBe(0);
    expect(r.out.trim().split("\n").at(-1)).toMatch(/^0 errors, 0 warnings, \d+ notes$/);
  });

  it("speaks SARIF 2.1.0 and JSON", async () => {
    const sarif = await check(["broken.xml", "--format", "sarif"]);
    const log = JSON.parse(sarif.out) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    const json = await check(["broken.txt", "--format", "json"]);
    expect(() => JSON.parse(json.out)).not.toThrow();
  });
});

describe("mimi check against the reference grammar and the schemas", () => {
  it("reports rules wider and narrower than spec/grammar, with witnesses (warnings: exit 0)", async () => {
    const wider = await check(["reference-wider.md"]);
    expect(wider.status).toBe(0);
    expect(wider.out).toMatch(
      /reference-wider\.md:18:1: warning\[rule-wider-than-reference\]: rule `user-id` accepts "@[^"]*[A-Z][^"]*", which the reference rule `user_id` \(spec\/grammar\/identifiers\.abnf:\d+\) rejects/,
    );
    const narrower = await check(["reference-narrower.xml", "--format", "json"]);
    const codes = (JSON.parse(narrower.out) as { findings: Array<{ code: string }> }).findings.map(
      (f) => f.code,
    );
    expect(codes).toContain("rule-narrower-than-reference");
  });

  it("compares with another reference given by --reference", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-check-"));
    try {
      const wide = join(dir, "wide.abnf");
      writeFileSync(
        wide,
        'user-id = "@" 1*( DIGIT / ALPHA / "-" / "." / "=" / "_" / "/" / "+" ) ":" 1*255( DIGIT / ALPHA / "-" / "." ) [ ":" 1*5DIGIT ]\n',
      );
      const r = await check(["reference-wider.md", "--reference", wide]);
      expect(r.out).not.toContain("rule-wider-than-reference");
      const bad = join(dir, "bad.abnf");
      writeFileSync(bad, 'user-id = ( "@"\n');
      const broken = await check(["reference-wider.md", "--reference", bad]);
      expect(broken.status).toBe(2);
      expect(broken.err).toContain("the reference grammar has errors");
      expectNoStackTrace(broken.all);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("compares stated limits with what the schemas enforce", async () => {
    const r = await check(["broken.md"]);
    expect(r.out).toMatch(
      /warning\[limit-mismatch\]: the draft limits a user ID to 256 characters .*at most 255 characters \(the UserId schema/,
    );
  });
});

describe("mimi check on unusable input: a clear error, exit 2, no stack trace", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mimi-check-bad-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: ReadonlyArray<[file: string, code: string, says: RegExp]> = [
    ["binary.png", "input-binary", /NUL byte at line 3, column 1: it is binary, not text/],
    ["empty.md", "input-empty", /the draft is empty/],
    ["blank.txt", "input-empty", /nothing but white space/],
    ["latin1.md", "input-invalid-utf8", /not valid UTF-8: byte \d+ \(E9 .*\) at line 3, column 4/],
    ["utf16-bom.md", "input-invalid-utf8", /UTF-16LE \(it starts with a UTF-16 byte order mark\)/],
    ["utf16-no-bom.md", "input-invalid-utf8", /UTF-16LE \(every other byte is NUL/],
    ["unterminated.mkd", "unterminated-fence", /code fence `~~~` opened here is never closed/],
    ["unterminated-backticks.md", "unterminated-fence", /code fence `{5} opened here is never closed/],
    ["unterminated.xml", "unterminated-markup", /CDATA section/],
    ["unterminated.xhtml", "unterminated-markup", /never closed/],
  ];
  for (const [file, code, says] of cases) {
    it(`${file}: ${code}`, async () => {
      for (const format of ["text", "json", "sarif"]) {
        const r = await check([file, "--format", format]);
        expect(r.status, format).toBe(2);
        expect(r.out, format).toContain(code);
        expectNoStackTrace(r.all);
      }
      const text = await check([file]);
      expect(text.out).toMatch(new RegExp(`^${file.replace(".", "\\.")}:\\d+:\\d+: error\\[${code}\\]: `));
      expect(text.out).toMatch(says);
    });
  }

  it("a 50 MB file, refused by its size before it is read", async () => {
    const big = join(dir, "big.md");
    const line = "A user ID such as `@alice:example.org` is at most 255 characters long.\n";
    writeFileSync(big, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const started = performance.now();
    const r = await check([big]);
    expect(performance.now() - started).toBeLessThan(5000); // refused, not read and checked
    expect(r.status).toBe(2);
    expect(r.out).toMatch(
      /error\[input-too-large\]: the draft is 5\d{7} bytes, more than the 16777216 bytes the check accepts/,
    );
    expectNoStackTrace(r.all);
  });

  it("a directory, a missing file, and an unknown option", async () => {
    mkdirSync(join(dir, "sub"), { recursive: true });
    const d = await check([join(dir, "sub")]);
    expect(d.status).toBe(2);
    expect(d.err).toContain("it is not a regular file");
    const missing = await check(["nope.md"]);
    expect(missing.status).toBe(2);
    expect(missing.err).toContain("cannot read nope.md: no such file");
    const option = await check(["good.md", "--frobnicate"]);
    expect(option.status).toBe(2);
    for (const r of [d, missing, option]) expectNoStackTrace(r.all);
  });

  it("one unusable draft among good ones makes the whole run exit 2, and still reports the others", async () => {
    const r = await check(["good.md", "binary.png", "broken.md"]);
    expect(r.status).toBe(2);
    expect(r.out).toContain("binary.png:3:1: error[input-binary]");
    expect(r.out).toContain("broken.md:15:20: error[undefined-rule]");
  });
});
