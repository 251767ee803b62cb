/**
 * The names a workload derives: the name its Kubernetes objects are named after, and the Pulumi
 * names of the passwords its `secretEnv` generates. Each rule is here once, for the workload's own
 * check and the platform's rule across entries (`objectNames.ts`).
 */
import { problem, type Problem } from "../problems.ts";
import { statefulSetNameProblems } from "../rules.ts";
import type { WorkloadSecretSource } from "./secrets.ts";

/**
 * The rule of the name a workload's objects are named after (`appName`, else the workload's or
 * component's name): see {@link statefulSetNameProblems}.
 */
export function workloadNameProblems(path: readonly PropertyKey[], name: unknown): Problem[] {
  return statefulSetNameProblems(path, name, "the name of the workload's StatefulSet and Services", "app");
}

/**
 * The Pulumi name of the `RandomPassword` generated for `variable` of the workload component
 * `component`: the variable in lower case, `_` as `-`.
 */
export function generatedPasswordName(component: string, variable: string): string {
  return `${component}-${variable.toLowerCase().replace(/_/g, "-")}`;
}

/**
 * Two generated variables whose passwords would have one Pulumi name, so one URN (`DB_PASS` and
 * `db_pass`): reported at the later, naming the earlier (paths relative to the spec).
 */
export function generatedPasswordNameProblems(secretEnv: Record<string, WorkloadSecretSource> | undefined): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [variable, source] of Object.entries(secretEnv ?? {})) {
    if (source?.generate !== true) continue;
    const name = generatedPasswordName("", variable);
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, variable);
    else
      problems.push({
        ...problem(
          ["secretEnv", variable],
          source,
          `secretEnv.${variable} and secretEnv.${earlier} would both generate the password resource "<workload>${name}", and Pulumi refuses two resources of one name; rename one of them`,
        ),
        related: ["secretEnv", earlier],
      });
  }
  return problems;
}
