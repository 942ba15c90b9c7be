/**
 * The replay cache, observed through the policy calls it saves. Mocking a module needs a module
 * graph of the file's own, so this file runs in the normal suite only (`*.mocked.test.ts` is left
 * out of Stryker's shared-graph run, see vitest.stryker.config.ts).
 */
import { describe, expect, it, vi } from "vitest";
import { appendToReplica } from "../../src/index.ts";
import { replayRefusal } from "../../src/invariants/replay.ts";
import * as policy from "../../src/policy/authorize.ts";

// The policy, unchanged, but counted: the replay's whole point is to authorize each event once.
vi.mock("../../src/policy/authorize.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/policy/authorize.ts")>();
  return {
    ...original,
    authorize: vi.fn(original.authorize),
    authorizeCreate: vi.fn(original.authorizeCreate),
  };
});
const authorizeCalls = () => vi.mocked(policy.authorize).mock.calls.length;
const authorizeCreateCalls = () => vi.mocked(policy.authorizeCreate).mock.calls.length;

import { alice, hubCopy } from "../support.ts";
import { chat, good, unchecked } from "./breakers.ts";

const profile = good.config.profile;

describe("replayRefusal's cache", () => {
  const copy = hubCopy(good, chat);
  const create = copy.state.create;

  it("authorizes each event once: asked again, or one event further, it replays only what is new", () => {
    const fresh = unchecked(copy.state.head, create, { event_id: "$fresh", sender: alice });
    const longer = appendToReplica(copy, fresh);
    expect(replayRefusal(profile, copy)).toBeUndefined();
    vi.mocked(policy.authorize).mockClear();
    vi.mocked(policy.authorizeCreate).mockClear();
    expect(replayRefusal(profile, copy)).toBeUndefined();
    expect([authorizeCreateCalls(), authorizeCalls()]).toEqual([0, 0]);
    expect(replayRefusal(profile, longer)).toBeUndefined();
    expect([authorizeCreateCalls(), authorizeCalls()]).toEqual([0, 1]);
    expect(vi.mocked(policy.authorize).mock.calls[0]?.[2]).toBe(fresh);
  });
});
