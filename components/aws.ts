/**
 * The package's AWS entry (`stateful-stack/aws`): `EksCluster`, `AwsNetwork`, `AwsStorage` and
 * their checks and specs. Loading it loads `@pulumi/aws`, an optional peer dependency that a
 * program using these components installs next to the package.
 */
export * from "./cluster/eks/index.ts";
export * from "./network/aws/index.ts";
export * from "./storage/aws/index.ts";
