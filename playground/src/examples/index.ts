// The Examples menu: one example per core concept and one per lint rule.
import { conceptExamples } from "./concepts.js";
import { ruleExamples } from "./rules.js";
import type { Settings } from "../protocol.js";

export interface Example {
  id: string;
  group: "Concepts" | "Lint rules";
  title: string;
  code: string;
  settings?: Partial<Settings>;
  /** For a rule example: the rule id its ❌ line triggers. */
  rule?: string;
  /** Error names this example is *meant* to produce when run (the e2e test allows exactly these). */
  expectedErrors?: string[];
}

export const examples: readonly Example[] = [...conceptExamples, ...ruleExamples];
