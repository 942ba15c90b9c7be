/**
 * Whole-registry validation: the rules a single entry's Schema cannot see (unique ids, required
 * ids and options present, open questions carry options, defaults consistent with their basis,
 * cross references resolve) plus, on request, whether the names that checks cite exist.
 *
 * It takes `unknown` on purpose: a hand-edited or generated registry may be malformed, and every
 * defect comes back as a problem naming the entry, never as a thrown error.
 * @module
 */
import { Result, Schema } from "effect";
import { RequirementEntry } from "./entry.ts";
import type { ProfileOption } from "./profile-option.ts";
import { REQUIRED_MACHINE_IDS, REQUIRED_PROFILE_OPTIONS, SEED_REQUIREMENT_IDS } from "./required.ts";

/** The kinds of defect {@link validateRegistry} reports. */
export type RegistryProblemCode =
  | "not-an-array"
  | "invalid-entry"
  | "missing-check"
  | "unchecked-without-reason"
  | "duplicate-id"
  | "missing-required-id"
  | "open-question-without-option"
  | "option-on-non-question"
  | "missing-required-option"
  | "duplicate-option-name"
  | "duplicate-choice"
  | "default-not-a-choice"
  | "default-basis-mismatch"
  | "dangling-related"
  | "unknown-schema"
  | "unknown-grammar-rule"
  | "unknown-machine-check"
  | "planned-but-present";

/** One defect: what is wrong, with which entry (when there is one), and a readable message. */
export interface RegistryProblem {
  /** The kind of defect. */
  readonly code: RegistryProblemCode;
  /** The entry's id, when it has a readable one. */
  readonly id?: string;
  /** The entry's position in the registry, when the defect belongs to one entry. */
  readonly index?: number;
  /** What is wrong, where, and what would fix it. */
  readonly message: string;
}

/** The outcome of {@link validateRegistry}. */
export interface RegistryReport {
  /** True when there are no problems. */
  readonly ok: boolean;
  /** Every defect found, in registry order, then registry-wide ones. */
  readonly problems: ReadonlyArray<RegistryProblem>;
}

/** What to require and, optionally, how to resolve the names that checks cite. */
export interface ValidateRegistryOptions {
  /** Ids that must be present; defaults to {@link SEED_REQUIREMENT_IDS} and {@link REQUIRED_MACHINE_IDS}. */
  readonly requiredIds?: ReadonlyArray<string>;
  /** Profile option names that must be present; defaults to {@link REQUIRED_PROFILE_OPTIONS}. */
  readonly requiredProfileOptions?: ReadonlyArray<string>;
  /**
   * Whether an Effect schema of this name exists. When given, `schema` checks must name one, and a
   * `planned` schema that already exists is reported (the registry is stale).
   */
  readonly schemaExists?: (name: string) => boolean;
  /** Whether this grammar file defines this rule. When given, `grammar-rule` checks must resolve. */
  readonly grammarRuleExists?: (file: string, rule: string) => boolean;
  /**
   * Whether the machine has this guard or invariant. When given, `guard` and `invariant` checks
   * must resolve, and a `planned` one that already exists is reported.
   */
  readonly machineCheckExists?: (by: "guard" | "invariant", name: string) => boolean;
}

/** A stand-in check used to find an entry's other defects once its own check is known to be bad. */
const PLACEHOLDER_CHECK = { kind: "none", why: "placeholder while validating the other fields" } as const;

const decodeEntry = Schema.decodeUnknownResult(RequirementEntry);

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isNonBlankString = (value: unknown): value is string =>
  typeof value === "string" && value.trim().length > 0;

/** How to name an entry in a message: its id when readable, always its index. */
const describe = (id: string | undefined, index: number): string =>
  id === undefined ? `entry ${index}` : `${id} (entry ${index})`;

/**
 * The `check` field's own defects, judged on the raw value so that the message is precise:
 * a missing check, or a `none`/`planned` check without a reason.
 */
const checkProblems = (raw: Readonly<Record<string, unknown>>, where: string): RegistryProblem[] => {
  const check = raw.check;
  if (!isRecord(check)) {
    return [
      {
        code: "missing-check",
        message: `${where} has no check: give one, or { kind: "none", why } saying why it is not checked`,
      },
    ];
  }
  if ((check.kind === "none" || check.kind === "planned") && !isNonBlankString(check.why)) {
    return [
      {
        code: "unchecked-without-reason",
        message: `${where} has a "${check.kind}" check without a reason: "why" must say what is missing or why no check is possible`,
      },
    ];
  }
  return [];
};

/** Consistency of a profile option: distinct choices, a default among them, a basis that fits. */
const optionProblems = (
  option: ProfileOption,
  where: string,
): Array<{ readonly code: RegistryProblemCode; readonly message: string }> => {
  const messages: Array<{ readonly code: RegistryProblemCode; readonly message: string }> = [];
  const values = option.choices.map((choice) => choice.value);
  const repeated = values.filter((value, i) => values.indexOf(value) !== i);
  if (repeated.length > 0) {
    messages.push({
      code: "duplicate-choice",
      message: `${where}: option ${option.name} repeats the choice(s) ${[...new Set(repeated)].join(", ")}`,
    });
  }
  const chosen = option.choices.find((choice) => choice.value === option.default);
  if (chosen === undefined) {
    messages.push({
      code: "default-not-a-choice",
      message: `${where}: option ${option.name} defaults to "${option.default}", which is not one of its choices (${values.join(", ")})`,
    });
    return messages;
  }
  const defaultCitesLm = chosen.sources.includes("LM");
  const anyCitesLm = option.choices.some((choice) => choice.sources.includes("LM"));
  const basisError = ((): string | undefined => {
    switch (option.defaultBasis) {
      case "lm-text":
        return defaultCitesLm ? undefined : "the default choice does not cite LM";
      case "deviates-from-lm":
        if (defaultCitesLm) return "the default choice itself cites LM";
        return anyCitesLm ? undefined : "no choice cites LM, so there is nothing to deviate from";
      case "other-draft":
        if (anyCitesLm) return "a choice cites LM, so the basis is lm-text or deviates-from-lm";
        return chosen.sources.length > 0 ? undefined : "the default choice cites no document";
      case "project-choice":
        return chosen.sources.length === 0 ? undefined : "the default choice cites a document";
    }
  })();
  if (basisError !== undefined) {
    messages.push({
      code: "default-basis-mismatch",
      message: `${where}: option ${option.name} has defaultBasis "${option.defaultBasis}" but ${basisError}`,
    });
  }
  return messages;
};

/**
 * Validates a whole registry. Checks that it is an array of entries that decode with
 * {@link RequirementEntry}; that every entry has a check or says why not; that ids are unique and
 * every required id is present; that open questions (and only they) carry a profile option, with
 * unique names, a valid default and a default basis that matches the cited sources; that every
 * required profile option exists; that `related` ids resolve; and, when resolvers are given, that
 * the schemas, grammar rules and machine checks cited exist (and that `planned` ones do not yet).
 */
export const validateRegistry = (
  registry: unknown,
  options: ValidateRegistryOptions = {},
): RegistryReport => {
  if (!Array.isArray(registry)) {
    const got = registry === null ? "null" : typeof registry;
    return {
      ok: false,
      problems: [{ code: "not-an-array", message: `the registry must be an array of entries, got ${got}` }],
    };
  }
  const problems: RegistryProblem[] = [];
  // `checkOk` is false when the entry was decoded with the placeholder check: its other rules
  // still apply, but the names its (bad) check cites cannot be resolved.
  const decoded: Array<{
    readonly entry: RequirementEntry;
    readonly index: number;
    readonly checkOk: boolean;
  }> = [];
  const indicesById = new Map<string, number[]>();

  registry.forEach((raw: unknown, index) => {
    const id = isRecord(raw) && typeof raw.id === "string" ? raw.id : undefined;
    const where = describe(id, index);
    if (id !== undefined) indicesById.set(id, [...(indicesById.get(id) ?? []), index]);
    if (!isRecord(raw)) {
      problems.push({ code: "invalid-entry", index, message: `${where} is not an object` });
      return;
    }
    const ownCheck = checkProblems(raw, where);
    for (const problem of ownCheck) problems.push({ ...problem, index, ...(id === undefined ? {} : { id }) });
    // With a bad check, decode a copy with a placeholder so the other fields are still judged
    // but the check's defect is not reported twice.
    const result = decodeEntry(ownCheck.length === 0 ? raw : { ...raw, check: PLACEHOLDER_CHECK });
    if (Result.isFailure(result)) {
      problems.push({
        code: "invalid-entry",
        index,
        ...(id === undefined ? {} : { id }),
        message: `${where} does not match the entry schema: ${result.failure.message}`,
      });
    } else {
      decoded.push({ entry: result.success, index, checkOk: ownCheck.length === 0 });
    }
  });

  const optionOwners = new Map<string, string[]>();
  for (const { entry, index, checkOk } of decoded) {
    const where = describe(entry.id, index);
    const at = { id: entry.id, index };
    const option = entry.profileOption;
    if (entry.kind === "open-question" && option === undefined) {
      problems.push({
        code: "open-question-without-option",
        ...at,
        message: `${where} is an open question but names no profile option to settle it`,
      });
    }
    if (entry.kind !== "open-question" && option !== undefined) {
      problems.push({
        code: "option-on-non-question",
        ...at,
        message: `${where} is a ${entry.kind} entry but carries profile option ${option.name}; only open questions do`,
      });
    }
    if (option !== undefined) {
      optionOwners.set(option.name, [...(optionOwners.get(option.name) ?? []), entry.id]);
      problems.push(...optionProblems(option, where).map((problem) => ({ ...at, ...problem })));
    }
    for (const related of entry.related ?? []) {
      if (related === entry.id || !indicesById.has(related)) {
        const reason = related === entry.id ? "itself" : `${related}, which has no entry`;
        problems.push({ code: "dangling-related", ...at, message: `${where} is related to ${reason}` });
      }
    }
    if (checkOk)
      problems.push(...nameProblems(entry, where, options).map((problem) => ({ ...at, ...problem })));
  }

  for (const [id, indices] of indicesById) {
    if (indices.length > 1) {
      problems.push({
        code: "duplicate-id",
        id,
        message: `id ${id} is used by entries ${indices.join(", ")}`,
      });
    }
  }
  for (const id of options.requiredIds ?? [...SEED_REQUIREMENT_IDS, ...REQUIRED_MACHINE_IDS]) {
    if (!indicesById.has(id)) {
      problems.push({ code: "missing-required-id", id, message: `required id ${id} has no entry` });
    }
  }

  for (const [name, owners] of optionOwners) {
    if (owners.length > 1) {
      problems.push({
        code: "duplicate-option-name",
        message: `profile option ${name} is defined by ${owners.join(", ")}; each option belongs to one question`,
      });
    }
  }
  for (const name of options.requiredProfileOptions ?? REQUIRED_PROFILE_OPTIONS) {
    if (!optionOwners.has(name)) {
      problems.push({
        code: "missing-required-option",
        message: `required profile option ${name} is not defined by any open question`,
      });
    }
  }
  // Entry problems in registry order (stable within an entry), then the registry-wide ones.
  const position = (problem: RegistryProblem): number => problem.index ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...problems].sort((a, b) => position(a) - position(b));
  return { ok: ordered.length === 0, problems: ordered };
};

/** Whether the names a check cites resolve, judged only with the resolvers the caller gave. */
const nameProblems = (
  entry: RequirementEntry,
  where: string,
  options: ValidateRegistryOptions,
): Array<{ readonly code: RegistryProblemCode; readonly message: string }> => {
  const { schemaExists, grammarRuleExists, machineCheckExists } = options;
  const check = entry.check;
  switch (check.kind) {
    case "schema":
      return schemaExists !== undefined && !schemaExists(check.name)
        ? [{ code: "unknown-schema", message: `${where} cites schema ${check.name}, which does not exist` }]
        : [];
    case "grammar-rule":
      return grammarRuleExists !== undefined && !grammarRuleExists(check.file, check.rule)
        ? [
            {
              code: "unknown-grammar-rule",
              message: `${where} cites rule ${check.rule} of ${check.file}, which does not define it`,
            },
          ]
        : [];
    case "guard":
    case "invariant":
      return machineCheckExists !== undefined && !machineCheckExists(check.kind, check.name)
        ? [
            {
              code: "unknown-machine-check",
              message: `${where} cites ${check.kind} ${check.name}, which does not exist`,
            },
          ]
        : [];
    case "planned": {
      const exists =
        check.by === "schema" ? schemaExists?.(check.name) : machineCheckExists?.(check.by, check.name);
      return exists === true
        ? [
            {
              code: "planned-but-present",
              message: `${where} marks ${check.by} ${check.name} as planned, but it exists now: cite it as a ${check.by} check`,
            },
          ]
        : [];
    }
    case "none":
      return [];
  }
};
