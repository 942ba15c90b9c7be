/**
 * Loads and validates every model file: JSON with the safe reader, then each file's Effect
 * schema, then the rules no single schema can see (requirement ids exist in the registry, guard
 * ids are unique, reasons use known placeholders, option names and choices match the registry,
 * every profile assigns every option, conditions parse). Every problem names its file and path.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type JsonPathSegment, parseJson, REQUIREMENTS, requirementById } from "@mimi-spec/schema";
import type { Schema } from "effect";
import { type ChatTypesFile, ChatTypesFile as ChatTypesSchema } from "./chat-types.ts";
import { placeholdersOf, REASON_PLACEHOLDERS } from "./common.ts";
import { type Condition, MEMBERSHIPS, type Membership, parseCondition } from "./conditions.ts";
import {
  type AuthRulesFile,
  AuthRulesFile as AuthRulesSchema,
  type SendPathFile,
  SendPathFile as SendPathSchema,
} from "./guard-lists.ts";
import { type MembershipFile, MembershipFile as MembershipSchema } from "./membership.ts";
import { MLS_PROPOSALS, MLS_ROLES, type MlsAcpFile, MlsAcpFile as MlsAcpSchema } from "./mls-acp.ts";
import { type PermissionsFile, PermissionsFile as PermissionsSchema } from "./permissions.ts";
import { decodeModel, type ModelProblem, ProblemSink } from "./problems.ts";
import { type ProfilesFile, ProfilesFile as ProfilesSchema } from "./profiles.ts";
import { type VisibilityFile, VisibilityFile as VisibilitySchema } from "./visibility.ts";

/** The model files, relative to the repository root. */
export const MODEL_FILES = {
  profiles: "models/profiles.json",
  permissions: "models/permissions.json",
  chatTypes: "models/chat-types.json",
  membership: "models/membership.json",
  authRules: "models/auth-rules.json",
  sendPath: "models/send-path.json",
  visibility: "models/visibility.json",
  mlsAcp: "models/mls-acp.json",
} as const;

/** Which model a file holds. */
export type ModelName = keyof typeof MODEL_FILES;

/** A guard: a named condition that can refuse, wherever it is declared. */
export interface GuardDeclaration {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly reason: string;
  /** The model file that declares it. */
  readonly file: string;
  /** The LM rule number (or other source) it implements, when there is one. */
  readonly lm?: string;
  /** The profile option values under which it applies; absent when it always applies. */
  readonly enabledWhen?: Readonly<Record<string, string>>;
}

/** A guard as the generated catalogue stores it (keyed by its id). */
export interface GuardInfo {
  readonly requirements: ReadonlyArray<string>;
  readonly reason: string;
  readonly file: string;
  readonly lm?: string;
  readonly enabledWhen?: Readonly<Record<string, string>>;
}

/** An allow rule of the membership table: it accepts, never refuses. */
export interface AllowRuleDeclaration {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly file: string;
}

/** A membership rule with its conditions parsed. */
export type ParsedMembershipRule =
  | {
      readonly kind: "allow";
      readonly id: string;
      readonly lm: string;
      readonly when: Condition;
      readonly enabledWhen?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "require";
      readonly id: string;
      readonly lm: string;
      readonly if?: Condition;
      readonly require: Condition;
      readonly enabledWhen?: Readonly<Record<string, string>>;
    };

/** The membership rules per requested membership, as the generated table stores them. */
export type MembershipRuleTable = Readonly<
  Record<Membership, { readonly lm: string; readonly rules: ReadonlyArray<ParsedMembershipRule> }>
>;

/** Every model, decoded and cross-checked. */
export interface Models {
  readonly profiles: ProfilesFile;
  readonly permissions: PermissionsFile;
  readonly chatTypes: ChatTypesFile;
  readonly membership: MembershipFile;
  readonly authRules: AuthRulesFile;
  readonly sendPath: SendPathFile;
  readonly visibility: VisibilityFile;
  readonly mlsAcp: MlsAcpFile;
  /** The membership rules per requested membership, conditions parsed. */
  readonly membershipRules: ReadonlyArray<{
    readonly membership: string;
    readonly lm: string;
    readonly rules: ReadonlyArray<ParsedMembershipRule>;
  }>;
  /** Every guard of every file, in file order. */
  readonly guards: ReadonlyArray<GuardDeclaration>;
  /** Every allow rule. */
  readonly allowRules: ReadonlyArray<AllowRuleDeclaration>;
  /** For each profile option, the requirement ids behind it (the registry entry that owns it). */
  readonly optionRequirements: Readonly<Record<string, ReadonlyArray<string>>>;
}

/** The models, or every problem found. */
export type LoadedModels =
  | { readonly ok: true; readonly models: Models }
  | { readonly ok: false; readonly problems: ReadonlyArray<ModelProblem> };

/** Reads model files by their repository-relative name; `undefined` when a file is missing. */
export type ModelReader = (file: string) => string | undefined;

/** A reader for the files under a repository root. */
export function fileReader(root: string): ModelReader {
  return (file) => {
    try {
      return readFileSync(join(root, file), "utf8");
    } catch {
      return undefined;
    }
  };
}

/** Loads the models of the repository at `root`. */
export function loadModels(root: string): LoadedModels {
  return loadModelsWith(fileReader(root));
}

function readAndDecode<S extends Schema.Top>(
  read: ModelReader,
  file: string,
  schema: S,
  problems: ModelProblem[],
): S["Type"] | undefined {
  const sink = new ProblemSink(file);
  const text = read(file);
  if (text === undefined) {
    sink.add([], "the file is missing or unreadable");
  } else {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const at =
        parsed.error.line === undefined ? "" : ` (line ${parsed.error.line}, column ${parsed.error.column})`;
      problems.push({
        file,
        path: parsed.error.path,
        message: `not valid JSON${at}: ${parsed.error.message}`,
      });
      return undefined;
    }
    const value = decodeModel(schema, parsed.value, sink);
    problems.push(...sink.problems);
    return value;
  }
  problems.push(...sink.problems);
  return undefined;
}

/** Loads the models through `read` (tests pass an in-memory reader). */
export function loadModelsWith(read: ModelReader): LoadedModels {
  const problems: ModelProblem[] = [];
  const profiles = readAndDecode(read, MODEL_FILES.profiles, ProfilesSchema, problems);
  const permissions = readAndDecode(read, MODEL_FILES.permissions, PermissionsSchema, problems);
  const chatTypes = readAndDecode(read, MODEL_FILES.chatTypes, ChatTypesSchema, problems);
  const membership = readAndDecode(read, MODEL_FILES.membership, MembershipSchema, problems);
  const authRules = readAndDecode(read, MODEL_FILES.authRules, AuthRulesSchema, problems);
  const sendPath = readAndDecode(read, MODEL_FILES.sendPath, SendPathSchema, problems);
  const visibility = readAndDecode(read, MODEL_FILES.visibility, VisibilitySchema, problems);
  const mlsAcp = readAndDecode(read, MODEL_FILES.mlsAcp, MlsAcpSchema, problems);
  if (
    profiles === undefined ||
    permissions === undefined ||
    chatTypes === undefined ||
    membership === undefined ||
    authRules === undefined ||
    sendPath === undefined ||
    visibility === undefined ||
    mlsAcp === undefined
  )
    return { ok: false, problems };

  const checker = new CrossChecker(profiles);
  checker.checkProfiles(profiles);
  checker.checkPermissions(permissions);
  checker.checkChatTypes(chatTypes);
  const membershipRules = checker.checkMembership(membership);
  checker.checkGuardList(MODEL_FILES.authRules, authRules.guards);
  checker.checkGuardList(MODEL_FILES.sendPath, sendPath.guards);
  for (const [i, step] of sendPath.sequence.entries())
    for (const [j, guard] of (step.guards ?? []).entries())
      checker.later.push({ file: MODEL_FILES.sendPath, path: ["sequence", i, "guards", j], guard });
  const chatTypeIds = chatTypes.chatTypes.map((t) => t.id);
  checker.checkVisibility(visibility, chatTypeIds);
  checker.checkMlsAcp(mlsAcp, chatTypeIds);
  checker.resolveLaterGuardReferences();
  problems.push(...checker.problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    models: {
      profiles,
      permissions,
      chatTypes,
      membership,
      authRules,
      sendPath,
      visibility,
      mlsAcp,
      membershipRules,
      guards: checker.guards,
      allowRules: checker.allowRules,
      optionRequirements: Object.fromEntries(
        profiles.options.map((o) => [
          o.name,
          o.unregistered?.requirements ??
            REQUIREMENTS.filter((e) => e.profileOption?.name === o.name).map((e) => e.id),
        ]),
      ),
    },
  };
}

/** The cross-file rules, collecting problems and the guard catalogue as it goes. */
class CrossChecker {
  readonly problems: ModelProblem[] = [];
  readonly guards: GuardDeclaration[] = [];
  readonly allowRules: AllowRuleDeclaration[] = [];
  /** Guard references to resolve once every guard is known. */
  readonly later: Array<{ file: string; path: JsonPathSegment[]; guard: string }> = [];
  private readonly ids = new Map<string, string>();
  private readonly options = new Map<string, ReadonlyArray<string>>();

  constructor(profiles: ProfilesFile) {
    for (const option of profiles.options) this.options.set(option.name, option.choices);
  }

  private add(file: string, path: ReadonlyArray<JsonPathSegment>, message: string): void {
    const sink = new ProblemSink(file);
    sink.add(path, message);
    this.problems.push(...sink.problems);
  }

  private checkRequirements(file: string, path: JsonPathSegment[], ids: ReadonlyArray<string>): void {
    ids.forEach((id, i) => {
      if (requirementById(id) === undefined)
        this.add(
          file,
          [...path, i],
          `requirement ${id} is not in the registry (packages/schema/src/requirements/data)`,
        );
    });
  }

  private checkReason(file: string, path: JsonPathSegment[], reason: string): void {
    for (const name of placeholdersOf(reason)) {
      if (!(REASON_PLACEHOLDERS as ReadonlyArray<string>).includes(name))
        this.add(file, path, `unknown placeholder {${name}}; use one of ${REASON_PLACEHOLDERS.join(", ")}`);
    }
  }

  private checkEnabledWhen(
    file: string,
    path: JsonPathSegment[],
    when: Readonly<Record<string, string>> | undefined,
  ): void {
    for (const [name, value] of Object.entries(when ?? {})) {
      const choices = this.options.get(name);
      if (choices === undefined)
        this.add(file, [...path, name], `unknown profile option ${name} (see models/profiles.json)`);
      else if (!choices.includes(value))
        this.add(
          file,
          [...path, name],
          `option ${name} has no choice "${value}"; its choices are ${choices.join(", ")}`,
        );
    }
  }

  private claimId(file: string, path: JsonPathSegment[], id: string): boolean {
    const owner = this.ids.get(id);
    if (owner !== undefined) {
      this.add(
        file,
        path,
        `id ${id} is already declared in ${owner}; guard and rule ids are unique across the models`,
      );
      return false;
    }
    this.ids.set(id, file);
    return true;
  }

  /** Declares a guard after checking its requirements, reason and enabling condition. */
  declareGuard(
    file: string,
    path: JsonPathSegment[],
    guard: {
      readonly guard: string;
      readonly requirements: ReadonlyArray<string>;
      readonly reason: string;
      readonly lm?: string;
      readonly enabledWhen?: Readonly<Record<string, string>>;
    },
  ): void {
    this.checkRequirements(file, [...path, "requirements"], guard.requirements);
    this.checkReason(file, [...path, "reason"], guard.reason);
    this.checkEnabledWhen(file, [...path, "enabledWhen"], guard.enabledWhen);
    if (!this.claimId(file, [...path, "guard"], guard.guard)) return;
    this.guards.push({
      id: guard.guard,
      requirements: guard.requirements,
      reason: guard.reason,
      file,
      ...(guard.lm === undefined ? {} : { lm: guard.lm }),
      ...(guard.enabledWhen === undefined ? {} : { enabledWhen: guard.enabledWhen }),
    });
  }

  checkProfiles(file: ProfilesFile): void {
    const at = MODEL_FILES.profiles;
    const registered = new Map<string, { choices: string[]; default: string }>();
    for (const entry of REQUIREMENTS) {
      const option = entry.profileOption;
      if (option !== undefined)
        registered.set(option.name, { choices: option.choices.map((c) => c.value), default: option.default });
    }
    const seen = new Set<string>();
    file.options.forEach((option, i) => {
      if (seen.has(option.name))
        this.add(at, ["options", i, "name"], `option ${option.name} is listed twice`);
      seen.add(option.name);
      const inRegistry = registered.get(option.name);
      if (option.unregistered === undefined) {
        if (inRegistry === undefined)
          this.add(
            at,
            ["options", i, "name"],
            `option ${option.name} is not in the registry; mark it "unregistered" with the requirements it serves`,
          );
        else if ([...inRegistry.choices].sort().join() !== [...option.choices].sort().join())
          this.add(
            at,
            ["options", i, "choices"],
            `choices ${option.choices.join(", ")} differ from the registry's ${inRegistry.choices.join(", ")}`,
          );
      } else {
        if (inRegistry !== undefined)
          this.add(
            at,
            ["options", i, "unregistered"],
            `option ${option.name} is in the registry; drop "unregistered"`,
          );
        this.checkRequirements(
          at,
          ["options", i, "unregistered", "requirements"],
          option.unregistered.requirements,
        );
        if (!option.choices.includes(option.unregistered.default))
          this.add(
            at,
            ["options", i, "unregistered", "default"],
            `default ${option.unregistered.default} is not a choice`,
          );
      }
      for (const [j, value] of (option.implemented ?? []).entries())
        if (!option.choices.includes(value))
          this.add(at, ["options", i, "implemented", j], `"${value}" is not a choice of ${option.name}`);
      if (new Set(option.choices).size !== option.choices.length)
        this.add(at, ["options", i, "choices"], "a choice is listed twice");
    });
    const names = new Set<string>();
    file.profiles.forEach((profile, i) => {
      if (names.has(profile.name))
        this.add(at, ["profiles", i, "name"], `profile ${profile.name} is defined twice`);
      names.add(profile.name);
      for (const option of file.options) {
        const value = profile.values[option.name];
        const runnable = option.implemented ?? option.choices;
        if (value === undefined)
          this.add(
            at,
            ["profiles", i, "values"],
            `profile ${profile.name} gives no value for ${option.name}`,
          );
        else if (!option.choices.includes(value))
          this.add(
            at,
            ["profiles", i, "values", option.name],
            `"${value}" is not a choice of ${option.name} (${option.choices.join(", ")})`,
          );
        else if (!runnable.includes(value))
          this.add(
            at,
            ["profiles", i, "values", option.name],
            `the machine does not implement "${value}" for ${option.name} (it implements ${runnable.join(", ")})`,
          );
        else if (profile.registryDefaults === true) {
          const expected = option.unregistered?.default ?? registered.get(option.name)?.default;
          if (expected !== undefined && expected !== value)
            this.add(
              at,
              ["profiles", i, "values", option.name],
              `profile ${profile.name} follows the registry defaults, which give ${option.name} = ${expected}, not ${value}`,
            );
        }
      }
      for (const name of Object.keys(profile.values))
        if (!seen.has(name)) this.add(at, ["profiles", i, "values", name], `unknown option ${name}`);
    });
    if (!names.has(file.default)) this.add(at, ["default"], `default profile ${file.default} is not defined`);
  }

  checkPermissions(file: PermissionsFile): void {
    const at = MODEL_FILES.permissions;
    this.checkRequirements(at, ["requirements"], file.requirements);
    for (const [action, option] of Object.entries(file.actionOptions)) {
      const choices = this.options.get(option);
      if (choices === undefined) this.add(at, ["actionOptions", action], `unknown profile option ${option}`);
      else
        for (const choice of choices)
          if (file.levelChoices[choice] === undefined)
            this.add(at, ["levelChoices"], `choice ${choice} of ${option} has no level`);
    }
  }

  checkChatTypes(file: ChatTypesFile): void {
    const at = MODEL_FILES.chatTypes;
    const ids = new Set<string>();
    file.chatTypes.forEach((type, i) => {
      if (ids.has(type.id)) this.add(at, ["chatTypes", i, "id"], `chat type ${type.id} is defined twice`);
      ids.add(type.id);
      this.checkRequirements(at, ["chatTypes", i, "requirements"], type.requirements);
      const constrained = type.members.min > 1 || type.members.max !== null;
      const { guard, requirements, reason } = type.members;
      if (type.members.max !== null && type.members.max < type.members.min)
        this.add(at, ["chatTypes", i, "members"], "max is below min");
      if (constrained) {
        if (guard === undefined || requirements === undefined || reason === undefined)
          this.add(
            at,
            ["chatTypes", i, "members"],
            "a member-count constraint needs a guard, requirements and a reason",
          );
        else this.declareGuard(at, ["chatTypes", i, "members"], { guard, requirements, reason });
      }
      if (type.uniqueness.scope !== "none") {
        this.declareGuard(at, ["chatTypes", i, "uniqueness"], type.uniqueness);
        if (!type.fixedMembership)
          this.add(
            at,
            ["chatTypes", i, "uniqueness"],
            "only fixed-membership chat types can be unique per member set",
          );
      }
      if (type.fixedMembership && type.joinRule !== "invite")
        this.add(
          at,
          ["chatTypes", i, "joinRule"],
          "a fixed-membership chat type must send join_rules = invite at creation",
        );
    });
    const checkTypes = (path: JsonPathSegment[], types: ReadonlyArray<string>) =>
      types.forEach((t, j) => {
        if (!ids.has(t)) this.add(at, [...path, j], `unknown chat type ${t}`);
      });
    file.creation.forEach((rule, i) => {
      checkTypes(["creation", i, "chatTypes"], rule.chatTypes);
      this.declareGuard(at, ["creation", i], rule);
    });
    file.rules.forEach((rule, i) => {
      checkTypes(["rules", i, "chatTypes"], rule.chatTypes);
      this.declareGuard(at, ["rules", i], rule);
    });
  }

  checkMembership(file: MembershipFile): Models["membershipRules"] {
    const at = MODEL_FILES.membership;
    if ([...file.memberships].sort().join() !== [...MEMBERSHIPS].sort().join())
      this.add(at, ["memberships"], `the memberships are exactly ${MEMBERSHIPS.join(", ")}`);
    const covered = new Set<string>();
    const result = file.changes.map((change, i) => {
      if (covered.has(change.membership))
        this.add(at, ["changes", i, "membership"], `${change.membership} has two rule lists`);
      covered.add(change.membership);
      const rules: ParsedMembershipRule[] = [];
      change.rules.forEach((rule, j) => {
        const path: JsonPathSegment[] = ["changes", i, "rules", j];
        const parse = (key: string, text: ReadonlyArray<string>): Condition => {
          const parsed = parseCondition(text);
          if (parsed.ok) return parsed.condition;
          for (const p of parsed.problems) this.add(at, [...path, key, p.index], p.message);
          return [];
        };
        if ("allow" in rule) {
          this.checkRequirements(at, [...path, "requirements"], rule.requirements);
          this.checkEnabledWhen(at, [...path, "enabledWhen"], rule.enabledWhen);
          if (this.claimId(at, [...path, "allow"], rule.allow))
            this.allowRules.push({ id: rule.allow, requirements: rule.requirements, file: at });
          rules.push({
            kind: "allow",
            id: rule.allow,
            lm: rule.lm,
            when: parse("when", rule.when),
            ...(rule.enabledWhen === undefined ? {} : { enabledWhen: rule.enabledWhen }),
          });
        } else {
          this.declareGuard(at, path, rule);
          rules.push({
            kind: "require",
            id: rule.guard,
            lm: rule.lm,
            ...(rule.if === undefined ? {} : { if: parse("if", rule.if) }),
            require: parse("require", rule.require),
            ...(rule.enabledWhen === undefined ? {} : { enabledWhen: rule.enabledWhen }),
          });
        }
      });
      return { membership: change.membership, lm: change.lm, rules };
    });
    for (const m of MEMBERSHIPS)
      if (!covered.has(m)) this.add(at, ["changes"], `no rule list for membership ${m}`);
    return result;
  }

  checkGuardList(file: string, guards: AuthRulesFile["guards"]): void {
    for (const [i, guard] of guards.entries()) this.declareGuard(file, ["guards", i], guard);
  }

  checkVisibility(file: VisibilityFile, chatTypeIds: ReadonlyArray<string>): void {
    const at = MODEL_FILES.visibility;
    const scopes = new Map<string, string>();
    for (const [i, setting] of file.settings.entries()) {
      if (scopes.has(setting.name))
        this.add(at, ["settings", i, "name"], `setting ${setting.name} is defined twice`);
      scopes.set(setting.name, setting.scope);
      this.checkRequirements(at, ["settings", i, "requirements"], setting.requirements);
    }
    const ids = new Set<string>();
    for (const [i, rule] of file.rules.entries()) {
      if (ids.has(rule.id)) this.add(at, ["rules", i, "id"], `rule ${rule.id} is defined twice`);
      ids.add(rule.id);
      this.checkRequirements(at, ["rules", i, "requirements"], rule.requirements);
      this.checkEnabledWhen(at, ["rules", i, "enabledWhen"], rule.enabledWhen);
      for (const [j, t] of rule.chatTypes.entries())
        if (!chatTypeIds.includes(t)) this.add(at, ["rules", i, "chatTypes", j], `unknown chat type ${t}`);
      if (rule.when === "always") continue;
      for (const [j, c] of rule.when.entries()) {
        const scope = scopes.get(c.setting);
        if (scope === undefined)
          this.add(at, ["rules", i, "when", j, "setting"], `unknown setting ${c.setting}`);
        else if ((scope === "hub") !== (c.of === "hub"))
          this.add(
            at,
            ["rules", i, "when", j, "of"],
            `${c.setting} is a ${scope} setting; it cannot be the ${c.of}'s`,
          );
        if (c.of === "member" && !rule.field.startsWith("members."))
          this.add(
            at,
            ["rules", i, "when", j, "of"],
            "only a per-member field can depend on each member's own setting",
          );
      }
    }
  }

  checkMlsAcp(file: MlsAcpFile, chatTypeIds: ReadonlyArray<string>): void {
    const at = MODEL_FILES.mlsAcp;
    if ([...file.proposals].sort().join() !== [...MLS_PROPOSALS].sort().join())
      this.add(at, ["proposals"], `the proposals are exactly ${MLS_PROPOSALS.join(", ")}`);
    if ([...file.roles].sort().join() !== [...MLS_ROLES].sort().join())
      this.add(at, ["roles"], `the roles are exactly ${MLS_ROLES.join(", ")}`);
    const templates = new Map<string, ReadonlyArray<string>>();
    for (const [i, template] of file.templates.entries()) {
      if (templates.has(template.id))
        this.add(at, ["templates", i, "id"], `template ${template.id} is defined twice`);
      templates.set(template.id, template.chatTypes);
      for (const [j, t] of template.chatTypes.entries())
        if (!chatTypeIds.includes(t))
          this.add(at, ["templates", i, "chatTypes", j], `unknown chat type ${t}`);
    }
    for (const t of chatTypeIds) {
      const chosen = file.defaults[t];
      if (chosen === undefined) this.add(at, ["defaults"], `chat type ${t} has no default template`);
      else if (!(templates.get(chosen) ?? []).includes(t))
        this.add(at, ["defaults", t], `template ${chosen} is not a template for ${t}`);
    }
    for (const [k] of Object.entries(file.defaults))
      if (!chatTypeIds.includes(k)) this.add(at, ["defaults", k], `unknown chat type ${k}`);
    this.checkGuardList(at, file.guards);
  }

  resolveLaterGuardReferences(): void {
    for (const ref of this.later)
      if (!this.ids.has(ref.guard)) this.add(ref.file, ref.path, `unknown guard ${ref.guard}`);
  }
}
