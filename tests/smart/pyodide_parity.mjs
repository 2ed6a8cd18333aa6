// Runs generator/smart inside real Pyodide (the pinned npm package, under
// Node, no browser, no network) and prints check_goal(...).to_dict() for each
// goal as JSON, so the Python test can compare it with CPython's answer.
//
//   node tests/smart/pyodide_parity.mjs < INPUT.json > OUTPUT.json
//   node tests/smart/pyodide_parity.mjs INPUT.json > OUTPUT.json
//
// INPUT.json: {"files": {"generator/smart/x.py": "source", ...},
//              "goals": [{"text": ..., "why": ..., "confidence": ...}, ...]}
//
// Read from stdin, the input may still be on its way while Pyodide loads: the
// test starts this process first and writes the goals once it has read them.
// All goals go through one runPython call and come back as one JSON string.
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(root, "package.json"));
const pkgDir = dirname(require.resolve("pyodide/package.json"));

async function readInput(path) {
  if (path) return readFile(path, "utf8");
  process.stdin.setEncoding("utf8");
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

const inputText = readInput(process.argv[2]); // reading starts now, beside the load
const { loadPyodide } = await import(pathToFileURL(join(pkgDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pkgDir + "/" });
const input = JSON.parse(await inputText);

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
