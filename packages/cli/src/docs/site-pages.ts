/**
 * All generated pages of the docs site, built from the code and the repository's files each
 * time `mimi docs` runs: the requirement traceability matrix (and a page per requirement), the
 * grammar pages, the state machine pages and the counterexample gallery. Nothing here is
 * committed: the pages go to a scratch directory that typedoc reads as project documents.
 *
 * @module
 */
import {
  invariants,
  MEMBERSHIP_DIAGRAM,
  ROOM_LIFECYCLE_DIAGRAM,
  SEND_PATH_DIAGRAM,
} from "@mimi-spec/machine";
import { loadModels, type Models } from "@mimi-spec/machine/models";
import { REQUIREMENTS, schemasByName } from "@mimi-spec/schema";
import { currentApiCatalog } from "./api-links.ts";
import { flattenDocuments, type SiteDocument, writeDocuments } from "./document.ts";
import { galleryDocument } from "./gallery.ts";
import {
  grammarIndexDocument,
  grammarRuleNames,
  grammarSchemaUses,
  readGrammarSources,
} from "./grammar-pages.ts";
import { machineIndexDocument } from "./machine-pages.ts";
import { readOptionReaders } from "./profile-options.ts";
import { type SiteAssetFiles, writeSiteAssets } from "./site-assets.ts";
import type { SiteLinks } from "./site-links.ts";
import { indexTestReferences, readTestFiles } from "./test-references.ts";
import { matrixDocument, traceabilityRows } from "./traceability.ts";
import { indexTraceEvidence, readSavedTraces } from "./traces.ts";

/** The models, or an error listing every problem with them. */
function models(root: string): Models {
  const loaded = loadModels(root);
  if (loaded.ok) return loaded.models;
  const problems = loaded.problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`).join("\n");
  throw new Error(`cannot build the machine pages: the models have problems:\n${problems}`);
}

/** The top-level generated documents (each with its children) of the repository at `root`. */
export function generateSitePages(root: string): SiteDocument[] {
  const registry = REQUIREMENTS;
  const grammars = readGrammarSources(root);
  const machineModels = models(root);
  const traces = readSavedTraces(root);
  const links: SiteLinks = {
    catalog: currentApiCatalog(),
    requirementIds: new Set(registry.map((e) => e.id)),
    grammarRules: grammarRuleNames(grammars),
    profileOptions: new Set(machineModels.profiles.options.map((o) => o.name)),
    traces: new Set(traces.map((t) => t.path)),
  };
  const rows = traceabilityRows({
    registry,
    guards: Object.fromEntries(machineModels.guards.map((g) => [g.id, g])),
    invariants,
    tests: indexTestReferences(readTestFiles(root)),
    traceEvidence: indexTraceEvidence(traces),
    links,
  });
  const schemaUses = grammarSchemaUses(schemasByName);
  return [
    matrixDocument(rows, links),
    grammarIndexDocument(grammars.map((source) => ({ source, schemaUses, registry, links }))),
    machineIndexDocument({
      models: machineModels,
      diagrams: {
        membership: MEMBERSHIP_DIAGRAM,
        lifecycle: ROOM_LIFECYCLE_DIAGRAM,
        sendPath: SEND_PATH_DIAGRAM,
      },
      invariants,
      registry,
      optionReaders: readOptionReaders(
        root,
        machineModels.profiles.options.map((o) => o.name),
      ),
      links,
    }),
    galleryDocument(traces, links),
  ];
}

/** What {@link writeSitePages} wrote, in the shape typedoc's options want. */
export interface WrittenSitePages extends SiteAssetFiles {
  /** Top-level documents (typedoc's `projectDocuments`). */
  readonly projectDocuments: ReadonlyArray<string>;
  /** How many documents were generated, children included. */
  readonly documents: number;
}

/** Generates every page of the repository at `root` into the scratch directory `dir`. */
export function writeSitePages(root: string, dir: string): WrittenSitePages {
  const docs = generateSitePages(root);
  const projectDocuments = writeDocuments(dir, docs);
  return { projectDocuments, ...writeSiteAssets(dir), documents: flattenDocuments(docs).length };
}
