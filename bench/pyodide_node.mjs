// Times the SMART checker inside Pyodide under Node, as the site's worker runs it.
//
//   node bench/pyodide_node.mjs <repo root> <goals.json> <repeats>
//
// goals.json is a JSON list of goal texts. Loads Pyodide from node_modules/pyodide
// (indexURL), writes generator/__init__.py and generator/smart/*.py into its file
// system, imports the checker and calls it over every goal `repeats` times.
// Prints one JSON object: boot, write and import times, the first call, the first
// pass over all goals, and the mean per-call time of each further repeat (all in milliseconds).

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root, goalsPath, repeatsArg] = process.argv.slice(2);
const repeats = Number.parseInt(repeatsArg || "5", 10);
const goals = JSON.parse(readFileSync(goalsPath, "utf-8"));
const pyodideDir = join(root, "node_modules", "pyodide") + "/";
const HOME = "/home/pyodide/checker/";

const out = { goals: goals.length, repeats };
let t = performance.now();
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir });
out.boot_ms = performance.now() - t;
out.pyodide_version = pyodide.version;

t = performance.now();
const files = [["generator/__init__.py", join(root, "generator", "__init__.py")]];
for (const name of readdirSync(join(root, "generator", "smart")).sort()) {
  if (name.endsWith(".py")) files.push([`generator/smart/${name}`, join(root, "generator", "smart", name)]);
}
for (const [path, source] of files) {
  pyodide.FS.mkdirTree(HOME + path.split("/").slice(0, -1).join("/"));
  pyodide.FS.writeFile(HOME + path, readFileSync(source));
}
out.files = files.length;
out.write_ms = performance.now() - t;

try {
  t = performance.now();
  pyodide.runPython(
    [
      "import sys, json",
      `sys.path.insert(0, ${JSON.stringify(HOME)})`,
      "from generator.smart import check_goal",
      "def _check(text, why=None, confidence=None):",
      "    return json.dumps(check_goal(text, why=why, confidence=confidence).to_dict())",
    ].join("\n"),
  );
  out.import_ms = performance.now() - t;
} catch (error) {
  out.error = `import failed: ${String(error.message || error).split("\n").filter(Boolean).slice(-1)[0]}`;
  console.log(JSON.stringify(out));
  process.exit(0);
}

// The worker's path: a JS string in, JSON text out, parsed in JS.
const check = pyodide.globals.get("_check");
t = performance.now();
JSON.parse(check(goals[0], null, null));
out.first_call_ms = performance.now() - t;

// The first pass runs while V8 still tiers the wasm up: kept apart from the steady-state passes.
t = performance.now();
for (const text of goals) JSON.parse(check(text, null, null));
out.first_pass_per_call_ms = (performance.now() - t) / goals.length;

out.per_call_ms = [];
out.worst_call_ms = 0;
for (let r = 0; r < repeats; r++) {
  const start = performance.now();
  for (const text of goals) {
    const one = performance.now();
    JSON.parse(check(text, null, null));
    out.worst_call_ms = Math.max(out.worst_call_ms, performance.now() - one);
  }
  out.per_call_ms.push((performance.now() - start) / goals.length);
}
check.destroy();
console.log(JSON.stringify(out));
