/**
 * Entry point of the `stateful-stack` component plugin (see `PulumiPlugin.yaml`). `pulumi package
 * add` runs this module and exposes every component class it exports to Python, Go and C# through
 * a generated SDK, with a schema inferred from the TypeScript types and TSDoc. Only {@link Platform}
 * is exported: it is the one component whose arguments and outputs the schema can fully describe.
 * TypeScript users import the components from `components/index.ts` instead.
 */
export { Platform } from "./components/platform.ts";
