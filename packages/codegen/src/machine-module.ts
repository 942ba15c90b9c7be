/**
 * Generates the machine's tables from `models/` with ts-morph: the guard catalogue (with its
 * `GuardId` union), the chat-type, membership, permission and profile tables, and the Mermaid
 * diagrams. It reads the models only through `@mimi-spec/machine/models`, which never imports
 * generated code, so a broken generated file can always be regenerated.
 *
 * @module
 */
import {
  type Models,
  membershipDiagram,
  membershipRuleLines,
  roomLifecycleDiagram,
  sendPathDiagram,
} from "@mimi-spec/machine/models";
import { Project, type SourceFile, VariableDeclarationKind } from "ts-morph";
import { generatedHeader } from "./header.ts";
import { commentSafe } from "./names.ts";

/** Where generated machine modules import the model types from (relative to `src/generated/`). */
const MODELS_IMPORT = "../models/index.ts";

function newFile(): { project: Project; file: SourceFile } {
  const project = new Project({ useInMemoryFileSystem: true });
  return { project, file: project.createSourceFile("generated.ts", "") };
}

/** JSON text of a value, as a TypeScript literal. */
function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function addConst(file: SourceFile, name: string, doc: string, initializer: string, type?: string): void {
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: [doc],
    declarations: [{ name, initializer, ...(type === undefined ? {} : { type }) }],
  });
}

function finish(file: SourceFile, sources: ReadonlyArray<string>, what: string): string {
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return generatedHeader(sources, what) + file.getFullText();
}

/** The guard catalogue: every guard and allow rule of every model, and their id unions. */
export function generateGuardsModule(models: Models, sources: ReadonlyArray<string>): string {
  const { file } = newFile();
  file.addImportDeclaration({
    moduleSpecifier: MODELS_IMPORT,
    isTypeOnly: true,
    namedImports: ["GuardInfo"],
  });
  const guards: Record<string, unknown> = {};
  for (const g of models.guards) {
    guards[g.id] = {
      requirements: g.requirements,
      reason: g.reason,
      file: g.file,
      ...(g.lm === undefined ? {} : { lm: g.lm }),
      ...(g.enabledWhen === undefined ? {} : { enabledWhen: g.enabledWhen }),
    };
  }
  addConst(
    file,
    "GUARDS",
    "Every guard of the models: the requirements it enforces, its reason template, where it is declared and, for profile-dependent guards, the option value that enables it.",
    `${literal(guards)} as const satisfies Readonly<Record<string, GuardInfo>>`,
  );
  file.addTypeAlias({
    name: "GuardId",
    isExported: true,
    docs: ["The id of a guard: a verdict's `guard` is always one of these."],
    type: "keyof typeof GUARDS",
  });
  addConst(
    file,
    "GUARD_IDS",
    "Every guard id, in model order.",
    literal(models.guards.map((g) => g.id)),
    "ReadonlyArray<GuardId>",
  );
  const allow: Record<string, unknown> = {};
  for (const a of models.allowRules) allow[a.id] = { requirements: a.requirements, file: a.file };
  addConst(
    file,
    "ALLOW_RULES",
    "The allow rules of the membership table: they accept an event early and never refuse.",
    `${literal(allow)} as const`,
  );
  file.addTypeAlias({
    name: "AllowRuleId",
    isExported: true,
    docs: ["The id of an allow rule."],
    type: "keyof typeof ALLOW_RULES",
  });
  return finish(file, sources, "The guard catalogue of the reference machine.");
}

/** The tables: chat types, chat and creation rules, membership rules, permissions, profiles. */
export function generateTablesModule(models: Models, sources: ReadonlyArray<string>): string {
  const { file } = newFile();
  file.addImportDeclaration({
    moduleSpecifier: MODELS_IMPORT,
    isTypeOnly: true,
    namedImports: [
      "ChatTypeModel",
      "ChatRuleModel",
      "CreationRuleModel",
      "MembershipRuleTable",
      "MlsTemplateModel",
      "PermissionsFile",
      "VisibilityRuleModel",
    ],
  });
  const chatTypes = models.chatTypes.chatTypes;
  addConst(
    file,
    "CHAT_TYPE_IDS",
    "Every chat type, in model order.",
    `${literal(chatTypes.map((t) => t.id))} as const`,
  );
  file.addTypeAlias({
    name: "ChatType",
    isExported: true,
    docs: ["A chat type (CHAT-1, CHAT-3, CHAT-5, CHAT-12)."],
    type: "(typeof CHAT_TYPE_IDS)[number]",
  });
  addConst(
    file,
    "CHAT_TYPE_PROPERTIES",
    "Each chat type's properties: members at creation, uniqueness, fixed membership, the join rule and history visibility sent at creation.",
    literal(Object.fromEntries(chatTypes.map((t) => [t.id, t]))),
    "Readonly<Record<ChatType, ChatTypeModel>>",
  );
  addConst(
    file,
    "CREATION_RULES",
    "The guards checked when a room is created, besides the member count and uniqueness of its chat type.",
    literal(models.chatTypes.creation),
    "ReadonlyArray<CreationRuleModel>",
  );
  addConst(
    file,
    "CHAT_RULES",
    "The chat rules layered on the LM auth rules, in the order they are checked.",
    literal(models.chatTypes.rules),
    "ReadonlyArray<ChatRuleModel>",
  );
  const table: Record<string, unknown> = {};
  for (const change of models.membershipRules)
    table[change.membership] = { lm: change.lm, rules: change.rules };
  const docLines = models.membershipRules.flatMap((c) => [
    `- ${c.membership} (LM ${c.lm}):`,
    ...membershipRuleLines(c.rules).map((l) => `  - ${commentSafe(l)}`),
  ]);
  addConst(
    file,
    "MEMBERSHIP_RULES",
    `LM I.1 auth rule 5 per requested membership, conditions parsed:\n${docLines.join("\n")}`,
    literal(table),
    "MembershipRuleTable",
  );
  addConst(
    file,
    "PERMISSIONS",
    "Power-level defaults, the creator's level and the options that set the invite, kick and ban defaults.",
    literal(models.permissions),
    "PermissionsFile",
  );
  const requirements = models.optionRequirements;
  const options: Record<string, unknown> = {};
  for (const o of models.profiles.options) {
    options[o.name] = {
      choices: o.choices,
      implemented: o.implemented ?? o.choices,
      requirements: requirements[o.name] ?? [],
      registered: o.unregistered === undefined,
    };
  }
  addConst(
    file,
    "PROFILE_OPTIONS",
    "The profile options the machine reads: their choices, the ones the machine implements, and the requirements (registry open questions) behind them.",
    `${literal(options)} as const`,
  );
  file.addTypeAlias({
    name: "OptionName",
    isExported: true,
    docs: ["The name of a profile option the machine reads."],
    type: "keyof typeof PROFILE_OPTIONS",
  });
  file.addTypeAlias({
    name: "OptionValues",
    isExported: true,
    docs: ["A full assignment: an implemented choice for every option."],
    type: '{ readonly [K in OptionName]: (typeof PROFILE_OPTIONS)[K]["implemented"][number] }',
  });
  const profiles: Record<string, unknown> = {};
  for (const p of models.profiles.profiles) profiles[p.name] = { summary: p.summary, values: p.values };
  addConst(
    file,
    "PROFILES",
    "The named profiles, each a full assignment of option values.",
    `${literal(profiles)} as const satisfies Readonly<Record<string, { readonly summary: string; readonly values: OptionValues }>>`,
  );
  file.addTypeAlias({
    name: "ProfileName",
    isExported: true,
    docs: ["The name of a named profile."],
    type: "keyof typeof PROFILES",
  });
  addConst(
    file,
    "DEFAULT_PROFILE",
    "The profile used when none is named.",
    `${literal(models.profiles.default)} as const satisfies ProfileName`,
  );
  const settings: Record<string, unknown> = {};
  for (const setting of models.visibility.settings)
    settings[setting.name] = {
      scope: setting.scope,
      summary: setting.summary,
      requirements: setting.requirements,
    };
  addConst(
    file,
    "VISIBILITY_SETTINGS",
    "The sharing settings of users and hub providers (SHARING-3, 4, 5, 8, 9); every setting is off until someone turns it on.",
    `${literal(settings)} as const`,
  );
  file.addTypeAlias({
    name: "SettingName",
    isExported: true,
    docs: ["The name of a sharing setting."],
    type: "keyof typeof VISIBILITY_SETTINGS",
  });
  addConst(
    file,
    "VISIBILITY_RULES",
    "First-contact visibility: which field an invitee sees before consenting, for which chat types, under which settings.",
    literal(models.visibility.rules),
    "ReadonlyArray<VisibilityRuleModel>",
  );
  addConst(
    file,
    "MLS_ACP_TEMPLATES",
    "The MLS access-control templates by id: for each proposal kind, who may propose it and who must accept the commit.",
    literal(Object.fromEntries(models.mlsAcp.templates.map((t) => [t.id, t]))),
    "Readonly<Record<string, MlsTemplateModel>>",
  );
  addConst(
    file,
    "MLS_ACP_DEFAULTS",
    "The template a room of each chat type gets when its creator names none.",
    literal(models.mlsAcp.defaults),
    "Readonly<Record<ChatType, string>>",
  );
  return finish(file, sources, "The reference machine's tables, generated from the models.");
}

/** The Mermaid diagrams as exported strings. */
export function generateDiagramsModule(models: Models, sources: ReadonlyArray<string>): string {
  const { file } = newFile();
  const profile = models.profiles.default;
  addConst(
    file,
    "MEMBERSHIP_DIAGRAM",
    `The membership state diagram (Mermaid), derived from the LM rule 5 table under the \`${profile}\` profile: an edge means some room state lets the change through.`,
    literal(membershipDiagram(models, profile)),
  );
  addConst(
    file,
    "ROOM_LIFECYCLE_DIAGRAM",
    "The room lifecycle (Mermaid): the creation batch, then events through the hub, with each chat type's rules.",
    literal(roomLifecycleDiagram(models)),
  );
  addConst(
    file,
    "SEND_PATH_DIAGRAM",
    "The hub send path (Mermaid sequence diagram) with the guards each step checks.",
    literal(sendPathDiagram(models)),
  );
  return finish(file, sources, "Mermaid diagrams of the reference machine, generated from the models.");
}
