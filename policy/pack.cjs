// @ts-check
// The pack's entry for `pulumi preview --policy-pack policy` (package.json `main`). Pulumi's
// policy-pack runner (@pulumi/pulumi cmd/run-policy-pack/run.js) loads the pack with require()
// after registering ts-node, which cannot load an ES module written in TypeScript (it fails with
// ERR_REQUIRE_ESM); import() hands index.ts to Node's own type stripping, and the runner awaits
// the promise exported here. `@pulumi/policy` reads the pack's version from ./package.json.
module.exports = import("./index.ts");
