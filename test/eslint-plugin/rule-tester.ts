// Wires @typescript-eslint/rule-tester to vitest and builds the two testers the
// rule tests use: one without type information, one with a project service
// whose program contains fixtures/deferred-coroutine.d.ts (a stand-in for the
// package's types, so typed tests do not depend on the runtime build).
import { join } from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Directory of the typed tests' tsconfig.json and placeholder `file.ts`. */
export const fixturesDir = join(__dirname, "fixtures");

/** Lints with @typescript-eslint/parser and no type information. */
export function untypedTester(): RuleTester {
  return new RuleTester();
}

/** Lints each case as fixtures/file.ts inside a real TypeScript program. */
export function typedTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        // file.ts is in fixtures/tsconfig.json; script.ts (no tsconfig) runs in the default project.
        projectService: { allowDefaultProject: ["script.ts"] },
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}
