// Traces which standard-library modules Pyodide's start-up and the SMART
// checker really import: boots the pinned Pyodide (npm, under Node, no network)
// the way the browser worker does (with _makeSnapshot, then a snapshot), loads
// the checker and every module of it, checks every goal given, formats a traceback (Pyodide does that
// for any Python error), and prints every module in sys.modules with the file it
// came from, and the reports. `python -m generator.stdlib` runs it and writes the list the build
// trims python_stdlib.zip to (generator/stdlib_modules.json).
//
//   node generator/stdlib_trace.mjs INPUT.json > OUTPUT.json
//
// INPUT.json: {"files": {"generator/smart/x.py": "source", ...},
//              "goals": [{"text": ..., "why": ..., "confidence": ...}, ...], "stdlib": optional zip path}
// OUTPUT: {"python", "modules": {name: origin}, "reports": [check_goal(...).to_dict(), ...]}
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const pkgDir = dirname(require.resolve("pyodide/package.json"));
const { loadPyodide } = await import(pathToFileURL(join(pkgDir, "pyodide.mjs")).href);

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
// input.stdlib: a zip to start from instead of Pyodide's own (the build's trimmed one, in its test).
const pyodide = await loadPyodide({ indexURL: pkgDir + "/", _makeSnapshot: true, ...(input.stdlib ? { stdLibURL: input.stdlib } : {}) });

const home = "/home/pyodide/checker";
for (const [rel, source] of Object.entries(input.files)) {
  const path = `${home}/${rel}`;
  pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
  pyodide.FS.writeFile(path, source, { encoding: "utf8" });
}
// The worker's own set-up, word for word in what it imports.
pyodide.runPython(`
import sys, json
sys.path.insert(0, ${JSON.stringify(home)})
from generator.smart import check_goal
def _check(text, why, confidence):
    return json.dumps(check_goal(text, why=why, confidence=confidence).to_dict())
import gc; gc.collect()
`);
pyodide.makeMemorySnapshot();
// Every checker module, also one that nothing imports yet: its imports count too.
pyodide.globals.set("MODULES", JSON.stringify(Object.keys(input.files).filter((p) => p.endsWith(".py"))));
pyodide.runPython(`
import importlib, json
for path in json.loads(MODULES):
    importlib.import_module(path[:-3].replace("/", ".").removesuffix(".__init__"))
`);
const check = pyodide.globals.get("_check");
const reports = input.goals.map((goal) => JSON.parse(check(goal.text, goal.why ?? null, goal.confidence ?? null)));
try {
  pyodide.runPython("raise ValueError('traced on purpose')");
} catch {
  // the traceback is what was wanted
}
const traced = JSON.parse(
  pyodide.runPython(`
import json, sys
json.dumps({
    "python": sys.version.split()[0],
    "modules": {name: getattr(getattr(m, "__spec__", None), "origin", None) for name, m in sorted(sys.modules.items())},
})
`),
);
process.stdout.write(JSON.stringify({ ...traced, reports }));
