// ESLint: typescript-eslint's type-checked recommendations plus Pulumi's rules against
// `Output` values in plain template literals (they must go through `pulumi.interpolate`).
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // examples/ are separate consumer projects: their imports of "stateful-stack" resolve only once
  // tests/package.test.ts has installed the packed package there, and that test type-checks them.
  { ignores: ["node_modules/", "bin/", "eslint.config.js", "examples/"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { pulumi },
    rules: {
      "pulumi/no-output-in-template-literal": "error",
      "pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      // mocha's describe/it return values are not promises to await.
      "@typescript-eslint/no-floating-promises": "off",
    },
  },
);
