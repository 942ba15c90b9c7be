/**
 * The state machine pages: an overview with the catalogue of every guard and invariant, then
 * one page per machine with its diagram rendered (the Mermaid text the generator derives from
 * `models/`) and the transition table beside it, each transition with the guards that decide it
 * and the requirement ids those guards enforce. Profile options have their own page
 * ({@link profileOptionsDocument}).
 *
 * @module
 */
import type { GuardDeclaration, Models } from "@mimi-spec/machine/models";
import { membershipRuleLines } from "@mimi-spec/machine/models";
import { guardLink, invariantLink } from "./api-links.ts";
import { docLink, type SiteDocument } from "./document.ts";
import { code, element, escapeHtml, htmlBlock, list, table, text } from "./html.ts";
import { mermaidBlock, stateEdges } from "./mermaid.ts";
import { type ProfileOptionsInput, profileOptionsDocument } from "./profile-options.ts";
import {
  MACHINE_INDEX_FILE,
  PROFILE_OPTIONS_FILE,
  profileOptionLink,
  requirementLinks,
  type SiteLinks,
} from "./site-links.ts";

/** The membership machine's page. */
export const MEMBERSHIP_FILE = "machine/membership.md";
/** The room lifecycle's page. */
export const LIFECYCLE_FILE = "machine/room-lifecycle.md";
/** The send path's page. */
export const SEND_PATH_FILE = "machine/send-path.md";

/** The generated Mermaid diagrams of the machine (`src/generated/diagrams.ts`). */
export interface MachineDiagrams {
  readonly membership: string;
  readonly lifecycle: string;
  readonly sendPath: string;
}

/** What the machine pages are built from. */
export interface MachinePageInput extends ProfileOptionsInput {
  readonly diagrams: MachineDiagrams;
  /** The machine's invariants. */
  readonly invariants: ReadonlyArray<{
    readonly id: string;
    readonly requirements: ReadonlyArray<string>;
    readonly description: string;
  }>;
}

/** Guards and allow rules of the models by id, with the requirements each enforces. */
class CheckTable {
  readonly guards: ReadonlyMap<string, GuardDeclaration>;
  readonly allowRules: ReadonlyMap<string, ReadonlyArray<string>>;
  constructor(models: Models) {
    this.guards = new Map(models.guards.map((g) => [g.id, g]));
    this.allowRules = new Map(models.allowRules.map((r) => [r.id, r.requirements]));
  }
  /** The requirements of guards and allow rules, deduplicated in order. */
  requirementsOf(ids: ReadonlyArray<string>): string[] {
    const out = new Set<string>();
    for (const id of ids)
      for (const r of this.guards.get(id)?.requirements ?? this.allowRules.get(id) ?? []) out.add(r);
    return [...out];
  }
}

function enabledWhenHtml(links: SiteLinks, from: string, when: Readonly<Record<string, string>> | undefined) {
  if (when === undefined) return "always";
  return Object.entries(when)
    .map(([option, value]) => `${profileOptionLink(links, from, option)} = ${code(value)}`)
    .join(" and ");
}

/** A list of check ids: guards linked to the API page, allow rules marked as such. */
function checksHtml(input: MachinePageInput, checks: CheckTable, ids: ReadonlyArray<string>): string {
  if (ids.length === 0) return "—";
  return ids
    .map((id) =>
      checks.allowRules.has(id) && !checks.guards.has(id)
        ? `${code(id)} (allow rule)`
        : guardLink(input.links.catalog, id),
    )
    .join(", ");
}

function guardTable(input: MachinePageInput, from: string, guards: ReadonlyArray<GuardDeclaration>): string {
  return table(
    ["Guard", "Declared in", "Source rule", "Requirements", "Applies", "Refusal reads"],
    guards.map((g) => [
      guardLink(input.links.catalog, g.id),
      code(g.file),
      g.lm === undefined ? "—" : `LM ${escapeHtml(g.lm)}`,
      requirementLinks(input.links, from, g.requirements),
      enabledWhenHtml(input.links, from, g.enabledWhen),
      escapeHtml(g.reason),
    ]),
    { class: "mimi-guards" },
  );
}

/** The membership machine: LM auth rule 5 as a state diagram over a user's membership. */
export function membershipDocument(input: MachinePageInput): SiteDocument {
  const from = MEMBERSHIP_FILE;
  const checks = new CheckTable(input.models);
  const rulesByMembership = new Map(input.models.membershipRules.map((m) => [m.membership, m]));
  const defaultProfile = input.models.profiles.profiles.find((p) => p.name === input.models.profiles.default);
  const defaultValues = defaultProfile?.values ?? {};
  const enabled = (when: Readonly<Record<string, string>> | undefined) =>
    Object.entries(when ?? {}).every(([k, v]) => defaultValues[k] === v);
  const edges = stateEdges(input.diagrams.membership).filter((e) => e.from !== "[*]");
  const rows = edges.map((edge) => {
    const rules = (rulesByMembership.get(edge.to)?.rules ?? []).filter((r) => enabled(r.enabledWhen));
    const ids = rules.map((r) => r.id);
    return [
      code(edge.from),
      code(edge.label),
      code(edge.to),
      checksHtml(input, checks, ids),
      requirementLinks(input.links, from, checks.requirementsOf(ids)),
    ];
  });
  const ruleRows = input.models.membershipRules.map((m) => [
    code(m.membership),
    `LM ${escapeHtml(m.lm)}`,
    list(membershipRuleLines(m.rules).map((line) => code(line))),
  ]);
  const guards = input.models.guards.filter((g) => g.file === "models/membership.json");
  const body = [
    text(
      "p",
      {},
      `A user's membership in a room and the changes LM I.1 auth rule 5 lets through under the default profile (${input.models.profiles.default}): an edge means some room state allows the change; the rules on the edge are walked in order and any of them can refuse it. Other profiles add or remove edges; the profile options page lists which.`,
    ),
    mermaidBlock(
      input.diagrams.membership,
      "Membership state diagram (generated from models/membership.json).",
    ),
    element("h3", {}, "Transitions"),
    table(["From", "Change", "To", "Rules walked (in order)", "Requirements"], rows, {
      class: "mimi-transitions",
    }),
    element("h3", {}, "Rules per requested membership"),
    table(["Membership", "LM rule", "Conditions"], ruleRows),
    element("h3", {}, "Guards"),
    guardTable(input, from, guards),
    element("p", {}, docLink(from, PROFILE_OPTIONS_FILE, "How the profile options change this machine")),
  ];
  return {
    file: from,
    title: "Membership",
    body: ["# Membership", "", htmlBlock(body.join("\n"))].join("\n"),
  };
}

/**
 * The checks behind each edge of the room lifecycle diagram, by `from->to`. The lifecycle is a
 * fixed sequence (models/diagrams.ts draws it), so the mapping names its phases.
 */
function lifecycleChecks(models: Models): ReadonlyMap<string, { ids: string[]; options: string[] }> {
  const creation = [
    ...models.chatTypes.chatTypes.flatMap((t) => [
      ...(t.members.guard === undefined ? [] : [t.members.guard]),
      ...(t.uniqueness.scope === "none" ? [] : [t.uniqueness.guard]),
    ]),
    ...models.chatTypes.creation.map((c) => c.guard),
    ...models.guards.filter((g) => g.id.startsWith("create.")).map((g) => g.id),
  ];
  const invites = models.guards.filter((g) => g.id.startsWith("membership.invite.")).map((g) => g.id);
  return new Map([
    [
      "[*]->created",
      { ids: [...new Set(creation)], options: ["chat.dm-creation", "auth.create-room-version"] },
    ],
    [
      "created->creatorJoined",
      { ids: ["membership.join.creator-first"], options: ["auth.creator-first-join"] },
    ],
    [
      "creatorJoined->configured",
      { ids: [], options: ["room.default-join-rule", "room.default-history-visibility"] },
    ],
    ["configured->open", { ids: invites, options: ["mgmt.invite-level"] }],
    [
      "open->open",
      { ids: models.chatTypes.rules.map((r) => r.guard), options: ["mgmt.fixed-membership-rooms"] },
    ],
  ]);
}

/** The room lifecycle: creation, then events through the hub, with each chat type's rules. */
export function lifecycleDocument(input: MachinePageInput): SiteDocument {
  const from = LIFECYCLE_FILE;
  const { models, links } = input;
  const checks = new CheckTable(models);
  const byEdge = lifecycleChecks(models);
  const chatTypeRequirements = models.chatTypes.chatTypes.flatMap((t) => t.requirements);
  const rows = stateEdges(input.diagrams.lifecycle).map((edge) => {
    const mapped = byEdge.get(`${edge.from}->${edge.to}`);
    const ids = mapped?.ids ?? [];
    const requirements =
      edge.to === "configured" ? [...new Set(chatTypeRequirements)] : checks.requirementsOf(ids);
    return [
      code(edge.from),
      escapeHtml(edge.label),
      code(edge.to),
      mapped === undefined
        ? text("span", { class: "mimi-warning" }, "no checks mapped to this edge")
        : checksHtml(input, checks, ids),
      (mapped?.options ?? [])
        .filter((o) => links.profileOptions.has(o))
        .map((o) => profileOptionLink(links, from, o))
        .join(", ") || "—",
      requirementLinks(links, from, requirements),
    ];
  });
  const chatTypes = models.chatTypes.chatTypes.map((t) => [
    code(t.id),
    escapeHtml(t.summary),
    `${t.members.min}..${t.members.max ?? "n"}`,
    t.uniqueness.scope === "none"
      ? "—"
      : `${escapeHtml(t.uniqueness.scope)} (${guardLink(links.catalog, t.uniqueness.guard)})`,
    t.joinRule === null ? "room default" : code(t.joinRule),
    requirementLinks(links, from, t.requirements),
  ]);
  const chatRules = models.chatTypes.rules.map((r) => [
    guardLink(links.catalog, r.guard),
    code(r.on),
    escapeHtml(r.chatTypes.join(", ")),
    enabledWhenHtml(links, from, r.enabledWhen),
    requirementLinks(links, from, r.requirements),
  ]);
  const guards = models.guards.filter(
    (g) => g.file === "models/chat-types.json" || g.id.startsWith("create."),
  );
  const body = [
    text(
      "p",
      {},
      "How a room comes to be and lives on: the creation batch (create event, the creator's join, the chat type's join rule and history visibility, the initial invites), then every event checked and ordered by the hub, with each chat type's rules layered on the auth rules.",
    ),
    mermaidBlock(input.diagrams.lifecycle, "Room lifecycle (generated from models/chat-types.json)."),
    element("h3", {}, "Transitions"),
    table(["From", "Step", "To", "Checked by", "Profile options", "Requirements"], rows, {
      class: "mimi-transitions",
    }),
    element("h3", {}, "Chat types"),
    table(
      ["Chat type", "What it is", "Members at creation", "Unique per", "Join rule", "Requirements"],
      chatTypes,
    ),
    element("h3", {}, "Chat rules (in the order they are checked)"),
    table(["Guard", "On", "Chat types", "Applies", "Requirements"], chatRules),
    element("h3", {}, "Guards"),
    guardTable(input, from, guards),
  ];
  return {
    file: from,
    title: "Room lifecycle",
    body: ["# Room lifecycle", "", htmlBlock(body.join("\n"))].join("\n"),
  };
}

/** The send path: how an event travels from a user's server through the hub to the followers. */
export function sendPathDocument(input: MachinePageInput): SiteDocument {
  const from = SEND_PATH_FILE;
  const { models, links } = input;
  const checks = new CheckTable(models);
  const rows = models.sendPath.sequence.map((s, i) => [
    String(i + 1),
    `${code(s.from)} → ${code(s.to)}`,
    escapeHtml(s.label),
    checksHtml(input, checks, s.guards ?? []),
    requirementLinks(links, from, checks.requirementsOf(s.guards ?? [])),
  ]);
  const guards = models.guards.filter((g) => g.file === "models/send-path.json");
  const body = [
    text(
      "p",
      {},
      "A user's server sends a limited event to the hub; the hub checks it, forms the full event, appends it to the room's one history and fans it out; followers apply it in hub order and check it again.",
    ),
    mermaidBlock(input.diagrams.sendPath, "Send path (generated from models/send-path.json)."),
    element("h3", {}, "Steps"),
    table(["#", "Between", "What happens", "Checked by", "Requirements"], rows, {
      class: "mimi-transitions",
    }),
    element("h3", {}, "Guards"),
    guardTable(input, from, guards),
  ];
  return {
    file: from,
    title: "Send path",
    body: ["# Send path", "", htmlBlock(body.join("\n"))].join("\n"),
  };
}

/** The machine overview: the machines, then every guard and every invariant. */
export function machineIndexDocument(input: MachinePageInput): SiteDocument {
  const from = MACHINE_INDEX_FILE;
  const { links } = input;
  const machines = list([
    `${docLink(from, MEMBERSHIP_FILE, "Membership")}: LM auth rule 5 as a state diagram over a user's membership.`,
    `${docLink(from, LIFECYCLE_FILE, "Room lifecycle")}: creation, chat types and the chat rules.`,
    `${docLink(from, SEND_PATH_FILE, "Send path")}: limited events to the hub, full events to the followers.`,
    `${docLink(from, PROFILE_OPTIONS_FILE, "Profile options")}: every open question's named choice and what it changes.`,
  ]);
  const invariants = table(
    ["Invariant", "Requirements", "Holds when"],
    input.invariants.map((i) => [
      invariantLink(links.catalog, i.id),
      requirementLinks(links, from, i.requirements),
      escapeHtml(i.description),
    ]),
    { class: "mimi-invariants" },
  );
  const body = [
    text(
      "p",
      {},
      "The reference room / hub / policy machine, drawn from the declarative models in models/ (the same files the generator turns into the machine's tables). Every guard can refuse an action and names the requirements it enforces; every invariant is checked after every step.",
    ),
    machines,
    element("h3", {}, `All guards (${input.models.guards.length})`),
    guardTable(input, from, input.models.guards),
    element("h3", {}, `All invariants (${input.invariants.length})`),
    invariants,
  ];
  return {
    file: from,
    title: "State machines",
    body: ["# State machines", "", htmlBlock(body.join("\n"), { class: "mimi-wide" })].join("\n"),
    children: [
      membershipDocument(input),
      lifecycleDocument(input),
      sendPathDocument(input),
      profileOptionsDocument(input),
    ],
  };
}
