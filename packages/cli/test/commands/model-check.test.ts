import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

const repo = join(import.meta.dirname, "..", "..", "..", "..");

/** A seed whose matrix-v11 run finds the any-member DM race within a few runs. */
const RACE_SEED = "2";

describe("mimi model check", () => {
  it("random mode: a summary table, no progress bar when stderr is not a terminal, exit 0", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "check", "--runs", "5", "--seed", "20261203"], io)).toBe(0);
    const out = io.stdout();
    expect(out).toMatch(/^profile +lm-i1$/mu);
    expect(out).toMatch(/^mode +random, instant and network delivery, seed 20261203$/mu);
    expect(out).toMatch(/^runs +5$/mu);
    expect(out).toMatch(/^commands +\d+ \(\d+ accepted, \d+ rejected\)$/mu);
    expect(out).toMatch(/^guards hit +\d+ of \d+/mu);
    expect(out).toMatch(/^violations +0$/mu);
    expect(io.stderr()).toBe("");
  });

  it("draws a progress bar on stderr when it is a terminal, and --coverage adds the tables", async () => {
    const io = { ...memoryIo("", repo), isErrTty: true };
    expect(
      await main(["model", "check", "--runs", "3", "--seed", "1", "--coverage", "--delivery", "instant"], io),
    ).toBe(0);
    expect(io.stderr()).toMatch(/\r\[#+-*\] 3\/3 runs, \d+ commands/u);
    expect(io.stdout()).toMatch(/^guard +pass +reject +status$/mu);
    expect(io.stdout()).toMatch(/^requirement +accepted +rejected +status$/mu);
  });

  it("on a violation prints the story and the diagram, saves a replayable trace, exit 1", async () => {
    const out = mkdtempSync(join(tmpdir(), "mimi-check-"));
    const io = memoryIo("", repo);
    const status = await main(
      ["model", "check", "--profile", "matrix-v11", "--runs", "60", "--seed", RACE_SEED, "--out", out],
      io,
    );
    expect(status).toBe(1);
    const text = io.stdout();
    expect(text).toMatch(/^violations +1$/mu);
    expect(text).toMatch(
      /^Counterexample: invariant (dm\.unique-per-pair|group-dm\.unique-per-member-set) \[CHAT-/mu,
    );
    expect(text).toContain("```mermaid\nsequenceDiagram\n");
    const saved = /^trace saved to (\S+) \(replay: mimi model run \S+\)$/mu.exec(text)?.[1];
    expect(saved).toBeDefined();
    expect(saved?.startsWith(out)).toBe(true);
    expect(existsSync(saved ?? "")).toBe(true);
    // The saved trace reproduces the violation with `mimi model run`.
    const replay = memoryIo("", repo);
    expect(await main(["model", "run", saved ?? ""], replay)).toBe(1);
    expect(replay.stdout()).toMatch(
      /invariant (dm\.unique-per-pair|group-dm\.unique-per-member-set) violated unexpectedly/u,
    );
    // So does the printed search command (seed, path and replay path).
    const repeat = /^repeat the search: mimi (model check .*)$/mu.exec(text)?.[1];
    expect(repeat).toBeDefined();
    const again = memoryIo("", repo);
    expect(await main([...(repeat ?? "").split(" "), "--out", out], again)).toBe(1);
    expect(again.stdout()).toContain(text.slice(text.indexOf("Counterexample:"), text.indexOf("```mermaid")));
  });

  it("--format json gives the numbers and the violations", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "check", "--runs", "3", "--seed", "5", "--format", "json"], io)).toBe(0);
    const report = JSON.parse(io.stdout());
    expect(report).toMatchObject({ mode: "random", profile: "lm-i1", seed: 5, runs: 3, violations: [] });
    expect(report.guardsHit).toBeGreaterThan(10);
  });

  it("--exhaustive explores to the depth and reports states", async () => {
    const io = memoryIo("", repo);
    expect(await main(["model", "check", "--exhaustive", "--depth", "1"], io)).toBe(0);
    expect(io.stdout()).toMatch(/^mode +exhaustive to depth 1$/mu);
    expect(io.stdout()).toMatch(/^distinct states +\d+$/mu);
  });

  it("--exhaustive runs on the compact machine by default, and --engine picks either machine", async () => {
    const states: Record<string, string | undefined> = {};
    for (const engine of ["compact", "reference"] as const) {
      const io = memoryIo("", repo);
      expect(await main(["model", "check", "--exhaustive", "--depth", "2", "--engine", engine], io)).toBe(0);
      const out = io.stdout();
      expect(out).toMatch(/^mode +exhaustive to depth 2$/mu);
      expect(out).toMatch(new RegExp(`^machine +${engine}$`, "mu"));
      expect(out).toMatch(/^violations +0$/mu);
      states[engine] = /^distinct states +(\d+)$/mu.exec(out)?.[1];
    }
    // Both machines explore the same states.
    expect(Number(states.compact)).toBeGreaterThan(10);
    expect(states.reference).toBe(states.compact);
    const byDefault = memoryIo("", repo);
    expect(await main(["model", "check", "--exhaustive", "--depth", "1"], byDefault)).toBe(0);
    expect(byDefault.stdout()).toMatch(/^machine +compact$/mu);
    const json = memoryIo("", repo);
    expect(
      await main(
        ["model", "check", "--exhaustive", "--depth", "1", "--engine", "reference", "--format", "json"],
        json,
      ),
    ).toBe(0);
    expect(JSON.parse(json.stdout())).toMatchObject({ mode: "exhaustive", engine: "reference" });
  });

  it("--wild also tries what users' servers would not offer, on both engines alike", async () => {
    const run = async (...extra: string[]) => {
      const io = memoryIo("", repo);
      expect(
        await main(["model", "check", "--exhaustive", "--depth", "3", "--format", "json", ...extra], io),
      ).toBe(0);
      return JSON.parse(io.stdout()) as {
        distinctStates: number;
        transitions: number;
        violations: unknown[];
      };
    };
    const plausible = await run();
    const wild = await run("--wild");
    const wildReference = await run("--wild", "--engine", "reference");
    expect(wild.distinctStates).toBeGreaterThan(plausible.distinctStates);
    expect(wild.violations).toEqual([]);
    expect(wildReference.distinctStates).toBe(wild.distinctStates);
    expect(wildReference.transitions).toBe(wild.transitions);
    const text = memoryIo("", repo);
    expect(await main(["model", "check", "--exhaustive", "--depth", "1", "--wild"], text)).toBe(0);
    expect(text.stdout()).toMatch(/^mode +exhaustive to depth 1, wild alphabet$/mu);
  });

  it("exits 2 on bad usage, naming the problem", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--runs", "0"], /--runs must be an integer of at least 1/u],
      [["--runs", "x"], /--runs must be an integer/u],
      [["--exhaustive"], /--exhaustive needs --depth K/u],
      [["--exhaustive", "--depth", "2", "--runs", "3"], /either --runs or --exhaustive/u],
      [["--depth", "2"], /only apply with --exhaustive/u],
      [["--engine", "compact"], /--depth, --max-states, --engine and --wild only apply with --exhaustive/u],
      [["--wild"], /--wild only apply with --exhaustive/u],
      [
        ["--exhaustive", "--depth", "1", "--engine", "foo"],
        /--engine must be compact or reference, not foo/u,
      ],
      [["--profile", "nope", "--runs", "1"], /unknown profile nope/u],
      [["--option", "broken", "--runs", "1"], /--option must be NAME=VALUE/u],
      [["--option", "no.such=x", "--runs", "1"], /unknown option no\.such/u],
      [["--delivery", "carrier-pigeon"], /--delivery must be instant, network or mixed/u],
      [["--path", "1:2"], /--path needs the --seed/u],
      [["--format", "xml"], /--format must be text or json/u],
    ];
    for (const [args, message] of cases) {
      const io = memoryIo("", repo);
      expect(await main(["model", "check", ...args], io), args.join(" ")).toBe(2);
      expect(io.stderr()).toMatch(message);
    }
    const help = memoryIo();
    expect(await main(["model", "check", "--help"], help)).toBe(0);
    expect(help.stdout()).toContain("mimi model check [--profile P]");
  });
});
