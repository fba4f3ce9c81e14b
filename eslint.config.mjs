// Lint rules that keep the house in order: `npm run lint` (with Prettier and knip).
import js from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import tseslint from "typescript-eslint";

/** The layers, each importing only those below it: http → graphql → store → db → entities. */
const layer = (target, ...from) => ({ target: `./src/${target}`, from: from.map((dir) => `./src/${dir}`), message: `src/${target} sits below src/{${from.join(",")}}: imports only point down the layers.` });

export default tseslint.config(
  { ignores: ["dist/**", "dist-dev/**", "node_modules/**", "coverage/**", "src/playground/**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { import: importPlugin },
    settings: { "import/resolver": { node: { extensions: [".ts", ".js", ".json"] } } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            layer("entities", "graphql", "http", "store", "db", "ingest", "auth", "cache", "cli"),
            layer("db", "graphql", "http", "store", "ingest", "auth", "cache", "cli"),
            layer("store", "graphql", "http", "ingest", "cache", "cli"),
            // store knows roles and how keys are hashed, nothing else of auth.
            { target: "./src/store", from: "./src/auth", except: ["./roles.ts", "./key-hash.ts"], message: "src/store may use auth/roles and auth/key-hash only." },
            layer("graphql", "http", "cli"),
            layer("search", "graphql", "http", "store", "ingest", "cli"),
            layer("text", "graphql", "http", "store", "db", "ingest", "search", "cli"),
            layer("auth", "graphql", "http", "cli"),
          ],
        },
      ],
    },
  },
  {
    // On Node 20 an object literal with a spread before other members takes V8's slow path
    // (see docs/performance.md#design-notes); the server builds such objects with Object.assign.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ObjectExpression > SpreadElement:not(:last-child)", message: "A spread followed by other members is slow on Node 20: use Object.assign, or put the spread last." },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
