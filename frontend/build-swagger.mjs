// Copies Swagger UI from the npm package (swagger-ui-dist, pinned by package-lock.json) into
// api/static/api/swagger/, committed like the stylesheet, so the API documentation runs from
// our own static files. Run with `npm run build:swagger` after updating the package.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "swagger-ui-dist");
const target = join(root, "api", "static", "api", "swagger");
mkdirSync(target, { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  // Without the source-map comment: the maps are not shipped.
  const text = readFileSync(join(source, name), "utf8").replace(/\n\/[/*][#@] sourceMappingURL=.*$/m, "\n");
  writeFileSync(join(target, name), text);
}
copyFileSync(join(source, "LICENSE"), join(target, "LICENSE"));
console.log(`Swagger UI ${JSON.parse(readFileSync(join(source, "package.json"))).version} → ${target}`);
