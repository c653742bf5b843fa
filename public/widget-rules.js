/*! Baton website chat: action rules. widget.js loads this only when the chat has enabled
 * rules; it fetches them, watches the page (time on this URL, scroll, what the shop set) and
 * asks the loader to show, hide or open the chat or to show a message from the shop.
 * Plain ES2017, no dependencies. The evaluation is the same as lib/widget/action-rules/evaluate.ts
 * (one table of cases runs against both).
 */
(function (root) {
  'use strict';
  var DAY_MS = 864e5;
  var VISIT_GAP_MS = 30 * 60e3;

  function withoutEnd(url) {
    return url.replace(/#.*$/, '').replace(/\/+$/, '');
  }

  function urlMatches(c, url) {
    if (c.op === 'contains') return url.toLowerCase().indexOf(c.value.toLowerCase()) !== -1;
    if (c.op === 'equals') return withoutEnd(url) === withoutEnd(c.value);
    try {
      return new RegExp(c.value, 'i').test(url);
    } catch (e) {
      return false;
    }
  }

  function holds(c, f) {
    if (c.url && !urlMatches(c.url, f.url)) return false;
    if (c.minSeconds !== undefined && f.seconds < c.minSeconds) return false;
    if (c.minScroll !== undefined && f.scroll < c.minScroll) return false;
    if (c.returning !== undefined && f.returning !== c.returning) return false;
    if (c.identified !== undefined && f.identified !== c.identified) return false;
    if (c.open !== undefined && f.open !== c.open) return false;
    if (c.cartMin !== undefined || c.cartMax !== undefined) {
      var cart = f.data.cartValue;
      if (typeof cart !== 'number' || !isFinite(cart)) return false;
      if (c.cartMin !== undefined && cart < c.cartMin) return false;
      if (c.cartMax !== undefined && cart > c.cartMax) return false;
    }
    return true;
  }

  function capAllows(rule, m) {
    if (m.page.indexOf(rule.id) !== -1) return false;
    var last = m.fired[rule.id];
    if (rule.cap === 'always') return true;
    if (rule.cap === 'visit') return !last || last.visit !== m.visit;
    if (rule.cap === 'day') return !last || m.now - last.at >= DAY_MS;
    return !last;
  }

  function evaluate(rules, facts, memory) {
    return rules
      .filter(function (r) { return r.enabled !== false && holds(r.conditions, facts) && capAllows(r, memory); })
      .map(function (r) { return { ruleId: r.id, action: r.action }; });
  }

  if (typeof module === 'object' && module && module.exports) module.exports = { evaluate: evaluate };
  var host = root && root.__batonRulesHost;
  if (!host || host.started) return;
  host.started = true;

  // What this browser remembers: the visit (a new one after 30 minutes away), whether an
  // earlier visit was seen, and when each rule last ran (for the caps).
  var key = 'baton:rules:' + host.token;
  var stored = {};
  try {
    stored = JSON.parse(localStorage.getItem(key) || '{}') || {};
  } catch (e) {
    stored = {};
  }
  var now = Date.now();
  var fresh = !stored.visit || now - (stored.seen || 0) > VISIT_GAP_MS;
  var memory = {
    now: now,
    visit: fresh ? now.toString(36) + Math.random().toString(36).slice(2, 8) : stored.visit,
    page: [],
    fired: stored.fired || {},
  };
  var returning = fresh ? Boolean(stored.visit) : Boolean(stored.returning);
  function persist() {
    try {
      localStorage.setItem(key, JSON.stringify({ visit: memory.visit, seen: Date.now(), returning: returning, fired: memory.fired }));
    } catch (e) {
      // no storage (private modes): caps then hold for this page view only
    }
  }
  persist();

  var rules = [];
  var open = false;
  var url = location.href;
  var since = now;
  var scroll = 0;

  function measureScroll() {
    var doc = document.documentElement;
    var height = Math.max(doc.scrollHeight, document.body ? document.body.scrollHeight : 0);
    var seen = height > 0 ? ((window.scrollY + window.innerHeight) / height) * 100 : 100;
    scroll = Math.max(scroll, Math.min(100, Math.round(seen)));
  }

  function tick() {
    if (!rules.length) return;
    var t = Date.now();
    if (location.href !== url) {
      // A new page of a single-page shop: time on page, scroll and this page's runs start over.
      url = location.href;
      since = t;
      scroll = 0;
      memory.page = [];
    }
    measureScroll();
    var given = host.facts();
    memory.now = t;
    var runs = evaluate(rules, { url: url, seconds: (t - since) / 1000, scroll: scroll, returning: returning, identified: given.identified, data: given.data, open: open }, memory);
    if (!runs.length) return;
    runs.forEach(function (run) {
      memory.page.push(run.ruleId);
      memory.fired[run.ruleId] = { at: t, visit: memory.visit };
    });
    persist();
    runs.forEach(function (run) { host.run(run.action, run.ruleId); });
  }

  host.tick = tick;
  fetch(host.base + '/api/widget/' + encodeURIComponent(host.token) + '/rules', { credentials: 'omit' })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (body) {
      rules = body.rules || [];
      open = Boolean(body.open);
      window.addEventListener('scroll', tick, { passive: true });
      setInterval(tick, 250);
      tick();
    })
    .catch(function (error) {
      if (window.console) console.warn('[Baton] action rules are not available: ' + error.message);
    });
})(typeof window === 'undefined' ? null : window);
