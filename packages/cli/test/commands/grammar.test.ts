import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "mimi-grammar-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const hostGrammar =
  'host = 1*label\nlabel = Ldh-str "."\nLdh-str = *( ALPHA / DIGIT / "-" ) Let-dig\nLet-dig = ALPHA / DIGIT\n';

describe("mimi grammar check", () => {
  it("prints diagnostics with file:line:col and exits 1 on errors", async () => {
    const dir = workspace({ "g.abnf": 'a = b / "x"\nb = ( "y"\n' });
    const io = memoryIo("", dir);
    expect(await main(["grammar", "check", "g.abnf"], io)).toBe(1);
    expect(io.stdout()).toContain("g.abnf:2:5: error[unclosed-group]");
    expect(io.stdout()).toMatch(/1 error\(s\)/);
  });

  it("exits 0 on warnings alone and speaks JSON with --format json", async () => {
    const dir = workspace({ "g.abnf": hostGrammar });
    const io = memoryIo("", dir);
    expect(await main(["grammar", "check", "g.abnf", "--format", "json"], io)).toBe(0);
    const report = JSON.parse(io.stdout()) as {
      errors: number;
      diagnostics: Array<{ code: string; line: number }>;
    };
    expect(report.errors).toBe(0);
    expect(report.diagnostics.map((d) => d.code)).toContain("peg-greedy-repetition");
  });

  it("uses --define to supply a rule the grammar leaves to prose", async () => {
    const dir = workspace({ "g.abnf": "a = b\nb = <defined elsewhere>\n", "d.abnf": 'b = "x"\n' });
    const bare = memoryIo("", dir);
    await main(["grammar", "check", "g.abnf"], bare);
    expect(bare.stdout()).toContain("prose-value");
    const defined = memoryIo("", dir);
    await main(["grammar", "check", "g.abnf", "--define", "d.abnf"], defined);
    expect(defined.stdout()).toContain("redefined-import");
  });
});

describe("mimi grammar match", () => {
  it("prints one verdict per JSON string with the offset, column and what was expected", async () => {
    const dir = workspace({ "g.abnf": hostGrammar });
    const io = memoryIo('"example.org."\n"exa_mple."\n', dir);
    expect(await main(["grammar", "match", "g.abnf", "--rule", "host"], io)).toBe(1);
    const [ok, bad] = io
      .stdout()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(ok).toEqual({ ok: true });
    expect(bad).toMatchObject({ ok: false, offset: 3, column: 4 });
    expect(bad.message).toContain("unexpected '_' (U+005F) at column 4");
  });

  it("with --peg, answers as PEG-based tools do: Ldh-str's greedy run then rejects every label", async () => {
    const dir = workspace({ "g.abnf": hostGrammar });
    const exact = memoryIo('"example.org."\n', dir);
    expect(await main(["grammar", "match", "g.abnf", "--rule", "host"], exact)).toBe(0);
    const peg = memoryIo('"example.org."\n"a.b."\n', dir);
    expect(await main(["grammar", "match", "g.abnf", "--rule", "host", "--peg"], peg)).toBe(1);
    const [multi, single] = peg
      .stdout()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // The repetition takes "example" and leaves nothing for the final Let-dig.
    expect(multi).toMatchObject({ ok: false, offset: 7 });
    expect(single).toMatchObject({ ok: false, offset: 1 });
  });

  it("refuses a line that is not a JSON string, naming the line", async () => {
    const dir = workspace({ "g.abnf": hostGrammar });
    const io = memoryIo("42\n", dir);
    expect(await main(["grammar", "match", "g.abnf", "--rule", "host"], io)).toBe(2);
    expect(io.stderr()).toContain("line 1: expected a JSON string");
  });

  it("says why an unknown rule cannot be matched", async () => {
    const dir = workspace({ "g.abnf": hostGrammar });
    const io = memoryIo('"x"\n', dir);
    expect(await main(["grammar", "match", "g.abnf", "--rule", "nope"], io)).toBe(2);
    expect(io.stderr()).toContain("no rule named `nope`");
  });
});

describe("mimi grammar sample", () => {
  it("prints reproducible valid strings, and near misses the rule rejects with --invalid", async () => {
    const dir = workspace({ "g.abnf": hostGrammar });
    const run = async (...extra: string[]) => {
      const io = memoryIo("", dir);
      expect(
        await main(["grammar", "sample", "g.abnf", "--rule", "host", "-n", "8", "--seed", "7", ...extra], io),
      ).toBe(0);
      return io
        .stdout()
        .trim()
        .split("\n")
        .map((l) => {
          const v = JSON.parse(l) as string | { text: string; edit: string };
          return typeof v === "string" ? v : v.text;
        });
    };
    const valid = await run();
    expect(valid).toHaveLength(8);
    expect(await run()).toEqual(valid);
    const invalid = await run("--invalid");
    expect(invalid.length).toBeGreaterThan(0);
    const check = memoryIo(`${[...valid, ...invalid].map((s) => JSON.stringify(s)).join("\n")}\n`, dir);
    await main(["grammar", "match", "g.abnf", "--rule", "host"], check);
    const verdicts = check
      .stdout()
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { ok: boolean }).ok);
    expect(verdicts).toEqual([...valid.map(() => true), ...invalid.map(() => false)]);
  });
});

describe("mimi grammar gen", () => {
  it("writes a standalone module whose functions match like the toolkit", async () => {
    const dir = workspace({ "host.abnf": hostGrammar });
    const io = memoryIo("", dir);
    expect(await main(["grammar", "gen", "host.abnf", "--out", "out"], io)).toBe(0);
    const text = readFileSync(join(dir, "out", "host.grammar.ts"), "utf8");
    expect(text).toContain("DO NOT EDIT");
    const generated = (await import(join(dir, "out", "host.grammar.ts"))) as {
      isHost: (s: string) => boolean;
      host: (s: string) => { ok: boolean };
    };
    expect(generated.isHost("example.org.")).toBe(true);
    expect(generated.isHost("-.")).toBe(false);
    expect(generated.host("a_.").ok).toBe(false);
  });
});
