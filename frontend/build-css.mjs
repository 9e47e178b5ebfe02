// Builds the one stylesheet the site links (wijkwijs/static/css/wijkwijs.css, committed):
// NL Design System's Utrecht design tokens and component CSS, exactly as pinned by
// package-lock.json, followed by the Wijkwijs theme (frontend/wijkwijs-theme.css).
// Run `npm run build:css` after changing the theme or upgrading the packages;
// `node frontend/build-css.mjs --check` only says whether the committed file is current.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const utrecht = (name) => join(root, "node_modules", "@utrecht", name);

// Only the components the templates use; the whole library is ten times larger.
const COMPONENTS = [
  "alert", "article", "badge-list", "blockquote", "breadcrumb-nav", "button", "checkbox",
  "code", "code-block", "data-badge", "document", "figure", "form-field", "form-fieldset",
  "form-label", "heading-1", "heading-2", "heading-3", "heading-4", "html-content", "link",
  "link-list", "listbox", "nav-bar", "nav-list", "ordered-list", "page-content", "page-footer",
  "page-header", "pagination", "paragraph", "select", "separator", "skip-link", "table",
  "table-of-contents", "textarea", "textbox", "unordered-list",
];

const version = (name) => JSON.parse(readFileSync(join(utrecht(name), "package.json"))).version;
const parts = [
  [`@utrecht/design-tokens ${version("design-tokens")}`, join(utrecht("design-tokens"), "dist", "theme.css")],
  ...COMPONENTS.map((name) => [
    `@utrecht/${name}-css ${version(`${name}-css`)}`,
    join(utrecht(`${name}-css`), "dist", "index.min.css"),
  ]),
  ["Wijkwijs theme", join(root, "frontend", "wijkwijs-theme.css")],
];

const header =
  "/* Wijkwijs stylesheet, built by `npm run build:css` (frontend/build-css.mjs): do not edit.\n" +
  " * NL Design System (Utrecht) CSS and tokens: EUPL-1.2, Frameless B.V. and Gemeente Utrecht. */\n";
const css = parts
  .map(([label, path]) => `/* ${label} */\n${readFileSync(path, "utf8").trim()}\n`)
  .join("\n");
const target = join(root, "wijkwijs", "static", "css", "wijkwijs.css");
const built = header + css;
if (process.argv.includes("--check")) {
  const current = existsSync(target) && readFileSync(target, "utf8") === built;
  console.log(current ? `${target} is current` : `${target} is stale: run npm run build:css`);
  process.exit(current ? 0 : 1);
}
writeFileSync(target, built);
console.log(`${target}: ${parts.length} parts, ${Math.round(built.length / 1024)} kB`);
