// Runs generator/smart inside real Pyodide (the pinned npm package, under
// Node, no browser, no network) and prints check_goal(...).to_dict() for each
// goal as JSON, so the Python test can compare it with CPython's answer.
//
//   node tests/smart/pyodide_parity.mjs INPUT.json > OUTPUT.json
//
// INPUT.json: {"files": {"generator/smart/x.py": "source", ...},
//              "goals": [{"text": ..., "why": ..., "confidence": ...}, ...]}
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(root, "package.json"));
const pkgDir = dirname(require.resolve("pyodide/package.json"));
const { loadPyodide } = await import(pathToFileURL(join(pkgDir, "pyodide.mjs")).href);

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pyodide = await loadPyodide({ indexURL: pkgDir + "/" });

const base = "/home/pyodide/parity";
for (const [rel, source] of Object.entries(input.files)) {
  const path = `${base}/${rel}`;
  pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
  pyodide.FS.writeFile(path, source, { encoding: "utf8" });
}
pyodide.globals.set("GOALS_JSON", JSON.stringify(input.goals));
const out = pyodide.runPython(`
import json, sys
sys.path.insert(0, ${JSON.stringify(base)})
from generator.smart import check_goal
goals = json.loads(GOALS_JSON)
json.dumps({
    "python": sys.version.split()[0],
    "reports": [check_goal(g["text"], g.get("why"), g.get("confidence")).to_dict() for g in goals],
}, ensure_ascii=False)
`);
process.stdout.write(out);
