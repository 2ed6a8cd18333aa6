// The storage adapter: every localStorage call goes through it, and every
// failure (storage full, disabled, private mode, a getter that throws)
// becomes a status instead of an exception, so the store can keep answers in
// memory and say what happened.

const isQuota = (e) => e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);

/**
 * Wrap a Storage (or a function returning one, which may throw on access).
 * Every method returns {ok, value?, error?}; error is "quota" or "unavailable".
 */
export function storageAdapter(source) {
  const storage = () => (typeof source === "function" ? source() : source);
  const attempt = (fn) => {
    try {
      return { ok: true, value: fn(storage()) };
    } catch (e) {
      return { ok: false, error: isQuota(e) ? "quota" : "unavailable" };
    }
  };
  return {
    get: (key) => attempt((s) => s.getItem(key)),
    set: (key, value) => attempt((s) => s.setItem(key, value)),
    remove: (key) => attempt((s) => s.removeItem(key)),
    keys: () => attempt((s) => Array.from({ length: s.length }, (_, i) => s.key(i))),
  };
}
