import { Application } from "typedoc";
const app = await Application.bootstrapWithPlugins({
  name: "drafts",
  entryPoints: ["packages/drafts/src/index.ts", "packages/grammar/src/index.ts"],
  entryPointStrategy: "resolve",
  tsconfig: "tsconfig.drafts.tmp.json",
  out: "/tmp/drafts-docs",
  excludePrivate: true,
  excludeInternal: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  requiredToBeDocumented: ["Enum","EnumMember","Variable","Function","Class","Interface","Method","Accessor","TypeAlias"],
  packagesRequiringDocumentation: ["@mimi-spec/drafts"],
  treatWarningsAsErrors: true,
  logLevel: "Warn",
  disableSources: true,
});
const project = await app.convert();
if (project) app.validate(project);
console.log("errors", app.logger.errorCount, "warnings", app.logger.warningCount);
