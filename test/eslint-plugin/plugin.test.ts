// The plugin as a whole: every rule has its doc page and metadata, sits in the
// right configs, and the configs work in a real ESLint Linter.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin, { configs, meta, rules } from "../../eslint-plugin/index.js";
import { DOCS_URL } from "../../eslint-plugin/util/create-rule.js";

const ROOT = join(__dirname, "..", "..");
const DOCS = join(ROOT, "eslint-plugin", "docs", "rules");
const RULE_NAMES = Object.keys(rules).sort();

const UNTYPED = [
  "no-blocking-call-in-coroutine",
  "no-busy-wait",
  "no-coroutine-callback",
  "no-double-fire",
  "no-misplaced-return-value",
  "no-swallowed-cancellation",
  "prefer-return",
  "valid-deferred-coroutine",
];
const TYPED = ["no-deferred-result", "no-floating-deferred", "yield-deferred-only"];
const RECOMMENDED = [
  "no-blocking-call-in-coroutine",
  "no-coroutine-callback",
  "no-double-fire",
  "no-misplaced-return-value",
  "prefer-return",
  "valid-deferred-coroutine",
];

function configuredRules(name: keyof typeof configs): string[] {
  return Object.keys(configs[name].rules ?? {})
    .map((id) => id.replace(/^deferred-coroutine\//, ""))
    .sort();
}

describe("the rule set", () => {
  it("has exactly the eleven rules of issue 4", () => {
    expect(RULE_NAMES).toEqual([...UNTYPED, ...TYPED].sort());
  });

  it("marks exactly the typed rules as needing type information", () => {
    const typed = RULE_NAMES.filter((name) => rules[name].meta.docs?.requiresTypeChecking);
    expect(typed).toEqual(TYPED);
  });

  it.each(RULE_NAMES)("%s has its name, a one-sentence description and a docs url", (name) => {
    const rule = rules[name];
    expect(rule.name).toBe(name);
    expect(rule.meta.docs?.url).toBe(`${DOCS_URL}${name}.md`);
    const description = rule.meta.docs?.description ?? "";
    expect(description).toMatch(/^(Disallow|Require) .+\.$/);
    expect(description.slice(0, -1)).not.toMatch(/\.\s/);
  });

  it.each(RULE_NAMES)("%s has a JSON schema that refuses unknown options and matching defaults", (name) => {
    const rule = rules[name];
    const schema = rule.meta.schema as Array<{ type: string; additionalProperties?: boolean }>;
    expect(Array.isArray(schema)).toBe(true);
    expect(rule.defaultOptions.length).toBe(schema.length);
    for (const item of schema) {
      expect(item.type).toBe("object");
      expect(item.additionalProperties).toBe(false);
    }
  });

  it.each(RULE_NAMES)("%s has messages that give a reason and a remedy", (name) => {
    const messages = Object.entries(rules[name].meta.messages);
    const reports = messages.filter(([, text]) => text.length > 60);
    expect(reports.length).toBeGreaterThan(0);
    // Each report message has at least two sentences or clauses: what is wrong, then what to do.
    for (const [, text] of reports) expect(text).toMatch(/[.:;] .+/);
  });
});

describe("the rule docs", () => {
  it("has a page for every rule and no page without a rule", () => {
    const pages = readdirSync(DOCS).filter((file) => file.endsWith(".md")).map((file) => file.slice(0, -3)).sort();
    expect(pages).toEqual(RULE_NAMES);
  });

  it.each(RULE_NAMES)("%s's page repeats the description and has the required sections", (name) => {
    const page = join(DOCS, `${name}.md`);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, "utf8");
    const front = /^---\ndescription: "(.*)"\n---\n/.exec(text);
    expect(front?.[1]).toBe(rules[name].meta.docs?.description);
    expect(text).toContain(`# ${name}\n`);
    for (const section of ["## What goes wrong", "## Options", "## When not to use it", "## Python analogue"]) {
      expect(text).toContain(section);
    }
    expect(text).toContain("❌");
    expect(text).toContain("✅");
    if (rules[name].meta.docs?.requiresTypeChecking) expect(text).toContain("Needs type information");
  });
});

describe("the configs", () => {
  it("recommended holds the untyped rules of the reference table and no typed rule", () => {
    expect(configuredRules("recommended")).toEqual(RECOMMENDED);
  });

  it("recommended-type-checked adds the typed rules to recommended", () => {
    expect(configuredRules("recommended-type-checked")).toEqual([...RECOMMENDED, ...TYPED].sort());
  });

  it("strict turns every rule on", () => {
    expect(configuredRules("strict")).toEqual(RULE_NAMES);
  });

  it("only the type-checked configs turn on type-based detection in no-coroutine-callback", () => {
    expect(configs.recommended.rules?.["deferred-coroutine/no-coroutine-callback"]).toBe("error");
    for (const name of ["recommended-type-checked", "strict"] as const) {
      expect(configs[name].rules?.["deferred-coroutine/no-coroutine-callback"]).toEqual(["error", { checkTypes: true }]);
    }
  });

  it("each config registers this plugin object under deferred-coroutine and has a name", () => {
    for (const [name, config] of Object.entries(configs)) {
      expect(config.name).toBe(`deferred-coroutine/${name}`);
      expect(config.plugins?.["deferred-coroutine"]).toBe(plugin);
    }
    expect(plugin.configs).toBe(configs);
    expect(plugin.rules).toBe(rules);
  });

  it("meta carries the package version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(meta.version).toBe(pkg.version);
    expect(plugin.meta).toBe(meta);
  });
});

describe("the configs in ESLint's Linter", () => {
  const code = `import { reactor, inlineCallbacks, returnValue } from "deferred-coroutine";
async function refresh() {}
reactor.callLater(1, refresh);
const f = inlineCallbacks(function* () { yield reactor; returnValue(1); });
function helper() { returnValue(2); }
while (!ready) {}
`;

  it("recommended reports untyped problems with no type information at all", () => {
    const linter = new Linter({ configType: "flat" });
    const messages = linter.verify(code, [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, configs.recommended as Linter.Config], "file.ts");
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ["deferred-coroutine/no-coroutine-callback", 3, 22],
      ["deferred-coroutine/prefer-return", 4, 57],
      ["deferred-coroutine/no-misplaced-return-value", 5, 21],
    ]);
  });

  it("recommended also lints plain JavaScript with ESLint's default parser", () => {
    const linter = new Linter({ configType: "flat" });
    const messages = linter.verify(code.replace("async function refresh() {}", "async function refresh() {} // js"), [configs.recommended as Linter.Config], "file.js");
    expect(messages.map((m) => m.ruleId)).toEqual([
      "deferred-coroutine/no-coroutine-callback",
      "deferred-coroutine/prefer-return",
      "deferred-coroutine/no-misplaced-return-value",
    ]);
  });

  it("a typed rule without type information fails with a message that says how to turn it on", () => {
    const linter = new Linter({ configType: "flat" });
    expect(() =>
      linter.verify("const x = 1;", [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, configs["recommended-type-checked"] as Linter.Config], "file.ts"),
    ).toThrow(/needs type information.*projectService/s);
  });
});
