// checker-download.js: the worker's downloads of Pyodide's gzipped runtime (issue 16), with a fake fetch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const { createDownloads } = await import("../../site_overrides/assets/javascripts/checker-download.js");

const BASE = "https://example.test/assets/pyodide/1/";
const bytes = (n, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * seed + 3) % 251);

// A body delivered in chunks (a network stream); `fail` errors it after the chunks.
// `gate`: a promise the last bytes wait for (a download still under way).
const body = (data, { chunk = 1000, fail = null, gate = null } = {}) => {
  let at = 0;
  return new ReadableStream({
    async pull(controller) {
      if (gate && at + chunk >= data.length) await gate;
      if (at < data.length) {
        controller.enqueue(data.slice(at, at + chunk));
        at += chunk;
      } else if (fail) controller.error(fail);
      else controller.close();
    },
  });
};

// A host: name -> {status, data, headers, chunk, fail} or an Error to throw (blocked). Records what was asked.
const host = (files) => {
  const asked = [];
  const fetch = async (url) => {
    asked.push(url);
    const file = files[url.slice(BASE.length)];
    if (file instanceof Error) throw file;
    if (!file) return new Response("not found", { status: 404 });
    const headers = { "Content-Length": String(file.data.length), ...(file.headers || {}) };
    return new Response(body(file.data, file), { status: file.status || 200, headers });
  };
  return { fetch, asked };
};

// The brotli decoder as the site ships it (generator/assets.py): its JavaScript, imported, and its wasm gzipped.
const DECODER_JS = new URL("../../node_modules/brotli-dec-wasm/pkg/brotli_dec_wasm.js", import.meta.url);
const decoderFiles = () => ({
  "brotli_dec_wasm_bg.wasm.gz": { data: gzipSync(readFileSync(new URL("brotli_dec_wasm_bg.wasm", DECODER_JS))) },
});
const importDecoder = (imported) => async (href) => {
  imported.push(href);
  return import(DECODER_JS);
};

const setup = (files, every = 150) => {
  const { fetch, asked } = host(files);
  const posts = [];
  const imported = [];
  const downloads = createDownloads({
    base: BASE, fetch, post: (p) => posts.push(p), every, now: () => 1000, importModule: importDecoder(imported),
  });
  return { downloads, posts, asked, imported };
};

const drain = async (stream) => new Uint8Array(await new Response(stream).arrayBuffer());

test("a gzipped file is fetched from the runtime folder and inflated as it streams", async () => {
  const plain = bytes(20000);
  const gz = gzipSync(plain);
  const { downloads, asked } = setup({ "x.wasm.gz": { data: gz } });
  assert.deepEqual(await drain(await downloads.download("x.wasm.gz")), plain);
  assert.deepEqual(asked, [BASE + "x.wasm.gz"]);
  assert.equal(downloads.url("x.wasm"), BASE + "x.wasm");
});

test("bytes a host already decoded (no gzip magic) pass through, not inflated twice", async () => {
  const plain = bytes(5000);
  const { downloads } = setup({ "x.zip.gz": { data: plain, headers: { "Content-Encoding": "gzip" } } });
  assert.deepEqual(await drain(await downloads.download("x.zip.gz")), plain);
});

test("progress counts the bytes that arrived against runtime.json's sizes, then says starting", async () => {
  const a = gzipSync(bytes(30000, 3)), b = gzipSync(bytes(30000, 5));
  const sizes = { "a.gz": a.length, "b.gz": b.length };
  const listing = new TextEncoder().encode(JSON.stringify({ version: "v1", files: sizes }));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const files = { "runtime.json": { data: listing }, "a.gz": { data: a, chunk: 100 }, "b.gz": { data: b, chunk: 100, gate } };
  const { downloads, posts } = setup(files, 0);
  const runtime = await downloads.runtime();
  assert.equal(runtime.version, "v1");
  assert.deepEqual(posts.at(-1), { loaded: 0, total: a.length + b.length, phase: "download" });
  const first = downloads.download("a.gz");
  const second = downloads.download("b.gz");
  await drain(await first);
  assert.equal(posts.at(-1).phase, "download", "b.gz is still under way");
  release();
  await drain(await second);
  const last = posts.at(-1);
  assert.deepEqual(last, { loaded: a.length + b.length, total: a.length + b.length, phase: "starting" });
  const loaded = posts.map((p) => p.loaded);
  assert.deepEqual(loaded, [...loaded].sort((x, y) => x - y), "loaded never goes back");
  assert.ok(posts.length > 3, "progress was reported while the bytes arrived");
});

test("progress is posted at most once per interval, except the forced ones", async () => {
  const { downloads, posts } = setup({ "a.gz": { data: gzipSync(bytes(50000)), chunk: 100 } }, 150);
  await drain(await downloads.download("a.gz")); // the clock never moves: one timed post, then the forced "starting"
  assert.deepEqual(posts.map((p) => p.phase), ["download", "starting"]);
});

test("a file not downloaded after all leaves the total; without a listed size the Content-Length counts", async () => {
  const listing = new TextEncoder().encode(JSON.stringify({ files: { "asm.gz": 900, "w.gz": 100 } }));
  const plain = bytes(400);
  const { downloads, posts } = setup({ "runtime.json": { data: listing }, "other.gz": { data: plain, chunk: 100 } }, 0);
  await downloads.runtime();
  downloads.skip("asm.gz");
  downloads.begin("w.gz"); // still under way: "starting" waits for it
  await drain(await downloads.download("other.gz"));
  assert.deepEqual(posts.at(-1), { loaded: 400, total: 500, phase: "download" });
  downloads.end("w.gz");
  assert.equal(posts.at(-1).phase, "starting");
});

test("blocked, missing and truncated downloads reject the attempt under way, naming the file", async () => {
  const gz = gzipSync(bytes(20000));
  const cases = {
    "blocked.gz": new TypeError("Failed to fetch"),
    "truncated.gz": { data: gz.slice(0, gz.length / 2) },
    "cut.gz": { data: gz, fail: new TypeError("network error") },
  };
  const { downloads } = setup(cases);
  for (const [name, pattern] of [
    ["blocked.gz", { message: "blocked.gz: Failed to fetch (blocked, or offline with no saved copy)", download: true }],
    ["missing.gz", { message: "missing.gz: HTTP 404", download: true }],
  ]) {
    const failed = downloads.attempt();
    await assert.rejects(downloads.download(name), pattern);
    await assert.rejects(failed, pattern);
  }
  for (const name of ["truncated.gz", "cut.gz"]) {
    const failed = downloads.attempt();
    const stream = await downloads.download(name); // the failure comes while it streams
    await assert.rejects(drain(stream), (e) => e.message.startsWith(`${name}: `) && e.download === true);
    await assert.rejects(failed, (e) => e.message.startsWith(`${name}: `));
  }
});

test("a failure before any attempt is handed to the first attempt, and only to it", async () => {
  const { downloads } = setup({});
  await assert.rejects(downloads.runtime(), { message: "runtime.json: HTTP 404" });
  await assert.rejects(downloads.attempt(), { message: "runtime.json: HTTP 404" });
  const next = downloads.attempt();
  const settled = await Promise.race([next.then(() => "resolved", () => "rejected"), Promise.resolve("pending")]);
  assert.equal(settled, "pending", "a new attempt starts clean");
  const error = downloads.failure("pyodide.asm.wasm", new Error("CompileError: bad magic"));
  assert.equal(error.download, true);
  await assert.rejects(next, { message: "pyodide.asm.wasm: CompileError: bad magic" });
});

// A wasm-like file: the wasm magic, then enough bytes that one chunk decodes to more than the decoder hands out at once.
const WASM = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...bytes(700000, 13)]);

test("the brotli wasm is decoded as it streams, with the decoder downloaded from the runtime folder and counted", async () => {
  const br = brotliCompressSync(WASM);
  const files = { "x.wasm.br": { data: br, chunk: 64 }, ...decoderFiles() };
  const listing = { files: { "x.wasm.br": br.length, "brotli_dec_wasm_bg.wasm.gz": files["brotli_dec_wasm_bg.wasm.gz"].data.length } };
  files["runtime.json"] = { data: new TextEncoder().encode(JSON.stringify(listing)) };
  const { downloads, posts, asked, imported } = setup(files, 0);
  await downloads.runtime();
  const failed = downloads.attempt();
  assert.deepEqual(await drain(await downloads.download("x.wasm.br")), WASM);
  assert.deepEqual(asked, [BASE + "runtime.json", BASE + "x.wasm.br", BASE + "brotli_dec_wasm_bg.wasm.gz"]);
  assert.deepEqual(imported, [BASE + "brotli_dec_wasm.js"]);
  const total = br.length + listing.files["brotli_dec_wasm_bg.wasm.gz"];
  assert.deepEqual(posts.at(-1), { loaded: total, total, phase: "starting" });
  const settled = await Promise.race([failed.then(() => "resolved", () => "rejected"), Promise.resolve("pending")]);
  assert.equal(settled, "pending", "nothing failed");
});

test("a wasm the host already decoded (Content-Encoding: br) passes through: no decoder, out of the total", async () => {
  const listing = { files: { "x.wasm.br": 300000, "brotli_dec_wasm_bg.wasm.gz": 90000 } };
  const files = { "x.wasm.br": { data: WASM, headers: { "Content-Encoding": "br" } }, ...decoderFiles() };
  files["runtime.json"] = { data: new TextEncoder().encode(JSON.stringify(listing)) };
  const { downloads, posts, asked, imported } = setup(files, 0);
  await downloads.runtime();
  assert.deepEqual(await drain(await downloads.download("x.wasm.br")), WASM);
  assert.deepEqual(asked, [BASE + "runtime.json", BASE + "x.wasm.br"]);
  assert.deepEqual(imported, []);
  assert.deepEqual(posts.at(-1), { loaded: WASM.length, total: WASM.length, phase: "starting" });
});

// The start of Pyodide's own wasm: a brotli stream cut in its middle is still well-formed up to the cut.
const REAL_WASM = readFileSync(new URL("../../node_modules/pyodide/pyodide.asm.wasm", import.meta.url)).subarray(0, 400000);

test("a truncated, cut or broken brotli wasm, or a blocked decoder, rejects the attempt under way, naming the file", async () => {
  const br = brotliCompressSync(REAL_WASM);
  const broken = Uint8Array.from(br); // a copy (a Buffer's slice shares its bytes)
  broken.fill(0xff, 40, 80);
  const { downloads } = setup({
    "truncated.wasm.br": { data: br.slice(0, br.length / 2) },
    "cut.wasm.br": { data: br, fail: new TypeError("network error") },
    "broken.wasm.br": { data: broken },
    ...decoderFiles(),
  });
  for (const name of ["truncated.wasm.br", "cut.wasm.br", "broken.wasm.br"]) {
    const failed = downloads.attempt();
    const stream = await downloads.download(name); // the failure comes while it streams
    await assert.rejects(drain(stream), (e) => e.message.startsWith(`${name}: `) && e.download === true);
    await assert.rejects(failed, (e) => e.message.startsWith(`${name}: `));
  }
  const blocked = setup({ "x.wasm.br": { data: br }, "brotli_dec_wasm_bg.wasm.gz": new TypeError("Failed to fetch") });
  const failed = blocked.downloads.attempt();
  const pattern = { message: "brotli_dec_wasm_bg.wasm.gz: Failed to fetch (blocked, or offline with no saved copy)", download: true };
  await assert.rejects(blocked.downloads.download("x.wasm.br"), pattern);
  await assert.rejects(failed, pattern);
});
