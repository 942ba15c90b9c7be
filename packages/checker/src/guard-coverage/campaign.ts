/**
 * The coverage campaign: random-mode runs over several configurations, so that guards only some
 * profiles or options switch on are exercised too. Each configuration names the invariants its
 * options are known to contradict (as the example traces do), so those count but do not fail.
 *
 * @module
 */
import type { Delivery } from "@mimi-spec/machine";
import type { CommandWeights } from "../commands/index.ts";
import { type Counterexample, checkRandom } from "../random/check.ts";
import { CoverageCounter } from "./counter.ts";

/** One configuration of the campaign. */
export interface CampaignConfig {
  readonly profile: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly delivery: Delivery | "mixed";
  readonly expectViolations?: ReadonlyArray<string>;
  /** Command weights that differ from the default mix. */
  readonly weights?: CommandWeights;
  /** Why this configuration is in the campaign. */
  readonly why: string;
}

/**
 * Under `chat.dm-creation = any-member` (pol-00, matrix-v11, lm-i1-text) two providers can each
 * create a DM or group DM for the same users while their invites are in flight (CHAT-2, CHAT-4;
 * the trace dm-race.json shows it). Random mode finds this race within a few runs.
 */
export const ANY_MEMBER_RACES: ReadonlyArray<string> = [
  "dm.unique-per-pair",
  "group-dm.unique-per-member-set",
];

/** The configurations: every named profile, and the options no profile switches on. */
export const COVERAGE_CAMPAIGN: ReadonlyArray<CampaignConfig> = [
  { profile: "lm-i1", delivery: "mixed", why: "the reference profile, both delivery modes" },
  {
    profile: "pol-00",
    delivery: "mixed",
    expectViolations: ANY_MEMBER_RACES,
    why: "kicks of joined users only, invite/kick/ban at 100",
  },
  {
    profile: "matrix-v11",
    delivery: "mixed",
    expectViolations: ANY_MEMBER_RACES,
    // A knock from an invited user needs a room whose join rule is knock: draw both more often.
    weights: { knock: 8, "set-join-rule": 5 },
    why: "knocks from invited users refused, recognised room versions",
  },
  {
    profile: "lm-i1-text",
    // In network delivery two providers can race to create the same DM under any-member (CHAT-2).
    delivery: "instant",
    why: "LM read literally: no default join rule, the hub sets hub_server, any member creates DMs",
  },
  {
    profile: "lm-i1",
    options: {
      "auth.preemptive-ban": "forbid",
      "hub.when-hub-server-leaves": "room-closed",
      "mgmt.fixed-membership-rooms": "no-membership-changes",
    },
    delivery: "mixed",
    // The options contradict CHAT-8, CHAT-10 and CHAT-11, as the traces option-room-closed and group-dm-rpol show.
    expectViolations: ["group-chat.add", "group-chat.leave", "group-dm.leave"],
    why: "the guards only options switch on: pre-emptive bans forbidden, closed rooms, fixed group-DM membership",
  },
];

/** What a campaign found. */
export interface CampaignResult {
  readonly coverage: CoverageCounter;
  readonly runs: number;
  readonly commands: number;
  readonly elapsedMs: number;
  /** Counterexamples by configuration index (none expected on the reference machine). */
  readonly counterexamples: ReadonlyArray<{
    readonly config: CampaignConfig;
    readonly counterexample: Counterexample;
  }>;
}

/** Runs `runsPerConfig` sequences in every configuration, counting into one coverage counter. */
export function runCampaign(
  options: {
    readonly runsPerConfig?: number;
    readonly seed?: number;
    readonly configs?: ReadonlyArray<CampaignConfig>;
  } = {},
): CampaignResult {
  const coverage = new CoverageCounter();
  const counterexamples: Array<{ config: CampaignConfig; counterexample: Counterexample }> = [];
  let runs = 0;
  let commands = 0;
  let elapsedMs = 0;
  for (const config of options.configs ?? COVERAGE_CAMPAIGN) {
    const report = checkRandom({
      profile: config.profile,
      delivery: config.delivery,
      runs: options.runsPerConfig ?? 20,
      coverage,
      ...(config.options === undefined ? {} : { options: config.options }),
      ...(config.expectViolations === undefined ? {} : { expectViolations: config.expectViolations }),
      ...(config.weights === undefined ? {} : { weights: config.weights }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    runs += report.runs;
    commands += report.commands;
    elapsedMs += report.elapsedMs;
    if (report.counterexample !== undefined)
      counterexamples.push({ config, counterexample: report.counterexample });
  }
  return { coverage, runs, commands, elapsedMs, counterexamples };
}
