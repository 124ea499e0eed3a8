// Background: audit events (warning shown, the user's choice) waiting for the helper. Persisted
// in storage.local so nothing is lost when the service worker sleeps; retried with back-off until
// the helper acknowledges each one (events carry a uuid, so a resend is harmless). Events never
// carry the draft's text: sanitizeEvent() keeps only the fields of the audit-event contract.

import * as vocab from "../shared/vocabulary.js";

export const QUEUE_KEY = "eventQueue";
export const STATS_KEY = "stats";
export const MAX_QUEUE = 1000;

// The contract's sets (shared_rules/contract.json). Reasons are picked from a fixed list in the
// warning, never typed: no free text. TikTok and the other named sites are not "other".
const KINDS = new Set(vocab.SENT_KINDS);
const CHOICES = new Set(vocab.CHOICES);
export const REASONS = new Set(vocab.REASONS);
const SURFACES = new Set(vocab.EVENT_SURFACES);
const SITES = new Set(vocab.EVENT_SITES);

// Every event of one dialog carries its decision id: the helper's log shows them as one row.
const DECISION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A warning lists the rule ids of all its findings (never their text), at most MAX_FINDINGS.
const RULE_ID = /^[a-z0-9_]+(?:[.-][a-z0-9_]+)*$/;
export const MAX_FINDINGS = 20;
const short = (v, n = 80) => (typeof v === "string" && v.length <= n ? v : undefined);

export function sanitizeEvent(raw, { now = () => Date.now(), uuid = () => crypto.randomUUID() } = {}) {
  if (!raw || typeof raw !== "object" || !KINDS.has(raw.kind)) return null;
  const ev = {
    id: uuid(),
    time: new Date(now()).toISOString(),
    kind: raw.kind,
    category: short(raw.category) || "unknown",
    rule: short(raw.rule) || "",
    site: SITES.has(raw.site) ? raw.site : "other",
    surface: SURFACES.has(raw.surface) ? raw.surface : "unknown",
  };
  if (raw.kind === "choice") {
    if (!CHOICES.has(raw.choice)) return null;
    ev.choice = raw.choice;
    if (REASONS.has(raw.reason)) ev.reason = raw.reason;
  }
  if (typeof raw.span_hash === "string" && /^[0-9a-f]{16,64}$/.test(raw.span_hash)) ev.span_hash = raw.span_hash;
  if (typeof raw.decision === "string" && DECISION.test(raw.decision)) ev.decision = raw.decision.toLowerCase();
  if (raw.kind === "warning_shown" && Array.isArray(raw.findings)) {
    const rules = raw.findings.filter((r) => typeof r === "string" && r.length <= 80 && RULE_ID.test(r));
    const unique = [...new Set(rules)].slice(0, MAX_FINDINGS);
    if (unique.length) ev.findings = unique;
  }
  return ev;
}

function dayKey(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Warnings shown in the last 7 days (today included), from per-day counts. */
export function warningsThisWeek(stats, nowMs) {
  const days = (stats && stats.warningsByDay) || {};
  let total = 0;
  for (let i = 0; i < 7; i++) total += days[dayKey(nowMs - i * 86400000)] || 0;
  return total;
}

export function createEventQueue({ storage, send, now = () => Date.now(), uuid, setTimer = setTimeout, clearTimer = clearTimeout }) {
  let flushing = null;
  let timer = null;
  let backoffMs = 2000;
  // storage.local has no transactions: every read-modify-write of the queue goes through this
  // chain, so an event added while another is being removed is never lost.
  let chain = Promise.resolve();
  function locked(fn) {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  }

  async function recordStats(ev) {
    if (ev.kind !== "warning_shown") return;
    const { [STATS_KEY]: stats = {} } = await storage.get([STATS_KEY]);
    const days = { ...(stats.warningsByDay || {}) };
    const today = dayKey(now());
    days[today] = (days[today] || 0) + 1;
    for (const k of Object.keys(days)) if (k < dayKey(now() - 30 * 86400000)) delete days[k];
    await storage.set({ [STATS_KEY]: { ...stats, warningsByDay: days } });
  }

  function schedule(ms) {
    if (timer) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      queue.flush();
    }, ms);
  }

  const queue = {
    async enqueue(raw) {
      const ev = sanitizeEvent(raw, { now, uuid });
      if (!ev) return { queued: false };
      await locked(async () => {
        const { [QUEUE_KEY]: items = [] } = await storage.get([QUEUE_KEY]);
        items.push(ev);
        while (items.length > MAX_QUEUE) items.shift();
        await storage.set({ [QUEUE_KEY]: items });
        await recordStats(ev);
      });
      schedule(0);
      return { queued: true, id: ev.id };
    },
    async pending() {
      const { [QUEUE_KEY]: items = [] } = await storage.get([QUEUE_KEY]);
      return items;
    },
    /** Send queued events in order; stop at the first failure and retry later with back-off. */
    flush() {
      if (flushing) return flushing;
      flushing = (async () => {
        let sent = 0;
        try {
          for (;;) {
            const { [QUEUE_KEY]: items = [] } = await storage.get([QUEUE_KEY]);
            if (!items.length) break;
            const ev = items[0];
            let acked = false;
            try {
              acked = await send(ev);
            } catch (e) {
              acked = false;
            }
            if (!acked) {
              schedule(backoffMs);
              backoffMs = Math.min(backoffMs * 2, 5 * 60 * 1000);
              break;
            }
            backoffMs = 2000;
            await locked(async () => {
              const { [QUEUE_KEY]: latest = [] } = await storage.get([QUEUE_KEY]);
              await storage.set({ [QUEUE_KEY]: latest.filter((e) => e.id !== ev.id) });
            });
            sent++;
          }
        } finally {
          flushing = null;
        }
        return sent;
      })();
      return flushing;
    },
  };
  return queue;
}
