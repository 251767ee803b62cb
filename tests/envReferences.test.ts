/**
 * `$(VAR)` references in env values: Kubernetes expands one only to a variable defined earlier in
 * the container's env (kubernetes/api@v0.35.7:core/v1/types.go `EnvVar.Value`), so the container's
 * env puts values without references first, then the secret variables, then the values with
 * references; the check refuses exactly the references that order leaves unexpanded.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { statefulWorkloadProblems } from "../components/workloads/check.ts";
import { containerEnv, envReferenceProblems } from "../components/workloads/secrets.ts";
import { paths, RUNS, workload } from "./support/secrets.ts";
import { propertyRuns } from "./support/properties.ts";

/** The references of `value` that are not defined before it in `rendered` (as Kubernetes expands them). */
function unexpanded(rendered: ReturnType<typeof containerEnv>): string[] {
  const defined = new Set<string>();
  const missing: string[] = [];
  for (const { name, value } of rendered as { name: string; value?: string }[]) {
    for (const [, ref] of (value ?? "").matchAll(/(?<!\$)\$\(([A-Za-z_]\w*)\)/g))
      if (!defined.has(ref!)) missing.push(`${name}->${ref}`);
    defined.add(name);
  }
  return missing;
}

const ENV_NAMES = ["A", "B", "C", "D", "E"];
const SECRET_NAMES = ["S1", "S2"];
/** An env of up to 5 variables whose values are text or refer to env, secret or unknown variables. */
const envWithReferences = fc
  .array(
    fc.array(fc.oneof(fc.constantFrom("x", "db:", "/"), fc.constantFrom(...ENV_NAMES, ...SECRET_NAMES, "NOPE").map((n) => `$(${n})`)), { maxLength: 3 }),
    { minLength: 1, maxLength: ENV_NAMES.length },
  )
  .map((values) => Object.fromEntries(values.map((parts, i) => [ENV_NAMES[i]!, parts.join("")]))); // prettier-ignore
const secretEnv = Object.fromEntries(SECRET_NAMES.map((name) => [name, { generate: true }]));

describe("references in env values", () => {
  it("renders a URL with a secret variable after the secret, and accepts it", () => {
    const env = { DATABASE_URL: "postgres://app:$(DB_PASSWORD)@db/app", LOG_LEVEL: "info" };
    const secrets = { DB_PASSWORD: { generate: true } };
    assert.deepEqual(paths({ env, secretEnv: secrets }), []);
    const rendered = containerEnv(env, secrets, "app-secrets").map((v) => v.name);
    assert.deepEqual(rendered, ["LOG_LEVEL", "DB_PASSWORD", "DATABASE_URL"]);
  });

  it("keeps the order of env without references, then secrets, as before", () => {
    const env = { B: "1", A: "2", C: "$$(A) escaped" };
    const rendered = containerEnv(env, { S: { generate: true } }, "s").map((v) => v.name);
    assert.deepEqual(rendered, ["B", "A", "C", "S"]);
  });

  it("refuses a reference to a later value with references, naming both keys, and an unknown one", () => {
    const env = { URL: "http://$(HOST):80", HOST: "$(NAME).db", NAME: "app" };
    const problems = statefulWorkloadProblems({ ...workload, env });
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]!.path, ["env", "URL"]);
    assert.match(problems[0]!.message, /refers to \$\(HOST\), which env\.HOST sets after it .*before env\.URL/);
    assert.deepEqual(paths({ env: { URL: "http://$(HOST):80" } }), [".env.URL"]);
  });

  it("refuses exactly the references the rendered env leaves unexpanded (generated envs)", () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(envWithReferences, (env) => {
        const rendered = containerEnv(env, secretEnv, "app-secrets");
        const problems = envReferenceProblems(env, secretEnv);
        const missing = unexpanded(rendered);
        assert.equal(problems.length, missing.length, JSON.stringify({ env, missing }));
        if (problems.length === 0) accepted++;
        else refused++;
        assert.deepEqual(rendered.map((v) => v.name).sort(), [...Object.keys(env), ...SECRET_NAMES].sort());
      }),
      { numRuns: propertyRuns(RUNS) * 3 },
    );
    assert.ok(refused > 10 && accepted > 10, `both sides generated: ${refused} refused, ${accepted} accepted`);
  });
});
