// Runs the id fuzz of answers.test.mjs in a worker thread, so a retireAnswer
// that never returns (as it did for 63- and 64-character ids) fails the test
// on a timeout instead of hanging `node --test`. workerData.module is the
// answers.js to test (the test can point it at an older copy).
import { parentPort, workerData } from "node:worker_threads";

const { retireAnswer } = await import(workerData.module);
const { checkWorksheets } = await import(workerData.format);
const { isId } = await import(workerData.contract);

// A small seeded generator (mulberry32), so a failure can be replayed.
let seed = workerData.seed >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (chars) => chars[Math.floor(random() * chars.length)];
const FIRST = "abcdefghijklmnopqrstuvwxyz";
const REST = `${FIRST}0123456789_-`;
const LENGTHS = [1, 2, 30, 61, 62, 63, 64];
const randomId = () => {
  const n = random() < 0.6 ? pick(LENGTHS) : 1 + Math.floor(random() * 64);
  let id = pick(FIRST);
  while (id.length < n) id += pick(REST);
  return id;
};

const problems = [];
for (let round = 0; round < workerData.rounds && problems.length < 5; round += 1) {
  const fieldId = randomId();
  const earlier = {};
  // Earlier answers already there: the id itself, numbered keys as retireAnswer makes them, others.
  for (let i = 0; i < Math.floor(random() * 6); i += 1) {
    const roll = random();
    const key = roll < 0.3 ? fieldId : roll < 0.7 ? `${fieldId.slice(0, 64 - 2 - (i > 7))}-${i + 2}` : randomId();
    if (isId(key)) earlier[key] = `old ${i}`;
  }
  let record = { answers: {}, earlier: Object.keys(earlier).length ? { ...earlier } : undefined };
  if (!record.earlier) delete record.earlier;
  const times = 1 + Math.floor(random() * 12);
  for (let t = 0; t < times; t += 1) record = retireAnswer({ ...record, answers: { [fieldId]: `new ${t}` } }, fieldId);
  const kept = Object.values(record.earlier || {});
  const where = `field id ${fieldId} (${fieldId.length} characters), ${Object.keys(earlier).length} earlier, ${times} retired`;
  if (kept.length !== Object.keys(earlier).length + times) problems.push(`${where}: ${kept.length} values kept`);
  for (const t of Array.from({ length: times }, (_, i) => `new ${i}`)) if (!kept.includes(t)) problems.push(`${where}: lost "${t}"`);
  for (const value of Object.values(earlier)) if (!kept.includes(value)) problems.push(`${where}: lost "${value}"`);
  const bad = Object.keys(record.earlier || {}).find((k) => !isId(k));
  if (bad) problems.push(`${where}: key ${bad} is not an id`);
  const errors = checkWorksheets({ w: record });
  if (errors.length) problems.push(`${where}: ${errors[0]}`);
}
parentPort.postMessage(problems);
