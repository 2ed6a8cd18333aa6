// Main thread of the bare baseline: start the worker, mark the page ready when it answers.
const status = document.getElementById("bare");
const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", ({ data }) => {
  status.textContent = data.type === "ready" ? `Python says ${data.value} (${data.ms} ms in the worker)` : data.reason;
  status.dataset.state = data.type;
});
