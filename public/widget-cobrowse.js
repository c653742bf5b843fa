/*! Baton website chat: co-browsing. widget.js loads this only after the visitor accepted an
 * agent's request in the chat. It mirrors this page with rrweb's recorder (every input
 * masked; anything marked data-baton-private, the chat and this script's own bar blocked)
 * and hands the events to the chat's iframe, which sends them to the agent. It shows the
 * "being viewed" bar with Stop, and draws the agent's pointer and highlights. View-only:
 * nothing here lets the agent click or type on the page.
 * Plain ES2017, no dependencies of its own.
 */
(function (root) {
  'use strict';
  var host = root.__batonCobrowseHost;
  if (!host) return;
  var doc = root.document;
  // Increments leave in small batches: soon enough for the agent to see a change within a second.
  var FLUSH_MS = 50;
  var state = { active: false, stop: null, batch: [], timer: null, snapshot: [], ui: null, pointerTimer: null };
  // The page's one recorder (public/widget-record-shared.js), shared with visit recording.
  var recorder = null;

  function send(message) {
    host.send(message);
  }

  function flush() {
    state.timer = null;
    if (!state.batch.length) return;
    var events = state.batch;
    state.batch = [];
    send({ ev: 'events', events: events });
  }

  function emit(event) {
    if (!state.active) return;
    // A full snapshot (the meta event, then the page) goes to the agent over HTTP; what
    // changed before it goes first, so nothing arrives out of order.
    if (event.type === 4 || event.type === 2) {
      state.snapshot.push(event);
      if (event.type === 2) {
        flush();
        send({ ev: 'snapshot', events: state.snapshot });
        state.snapshot = [];
      }
      return;
    }
    state.batch.push(event);
    if (!state.timer) state.timer = setTimeout(flush, FLUSH_MS);
  }

  function el(tag, css, attrs) {
    var node = doc.createElement(tag);
    if (css) node.style.cssText = css;
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    return node;
  }

  /** The bar at the top of the page and the layer the agent's pointer is drawn on, in a shadow root of their own. */
  function mountUi(texts) {
    var wrap = el('div', 'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483647', { id: 'baton-cobrowse', 'data-baton': '' });
    var shadow = wrap.attachShadow ? wrap.attachShadow({ mode: 'open' }) : wrap;
    var bar = el('div', 'position:fixed;left:0;right:0;top:0;display:flex;gap:12px;align-items:center;justify-content:center;flex-wrap:wrap;padding:8px 12px;background:#111827;color:#fff;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)', {
      role: 'status',
      'data-baton-cobrowse-bar': '',
    });
    var label = el('span', 'display:inline-flex;align-items:center;gap:8px');
    var dot = el('span', 'width:10px;height:10px;border-radius:50%;background:#ef4444;display:inline-block', { 'aria-hidden': 'true' });
    label.appendChild(dot);
    label.appendChild(doc.createTextNode(texts.viewing));
    var stop = el('button', 'min-height:32px;padding:4px 14px;border:0;border-radius:6px;background:#fff;color:#111827;font:600 14px system-ui,sans-serif;cursor:pointer', { type: 'button' });
    stop.textContent = texts.stop;
    stop.addEventListener('click', function () {
      send({ ev: 'stop' });
      end();
    });
    bar.appendChild(label);
    bar.appendChild(stop);
    var pointer = el('div', 'position:absolute;width:18px;height:18px;margin:-9px 0 0 -9px;border-radius:50%;background:rgba(239,68,68,.85);box-shadow:0 0 0 4px rgba(239,68,68,.3);pointer-events:none;display:none', {
      'data-baton-pointer': '',
      'aria-hidden': 'true',
    });
    var box = el('div', 'position:absolute;border:3px solid #f59e0b;border-radius:6px;box-shadow:0 0 0 9999px rgba(17,24,39,.15);pointer-events:none;display:none', {
      'data-baton-highlight': '',
      'aria-hidden': 'true',
    });
    shadow.appendChild(bar);
    shadow.appendChild(pointer);
    shadow.appendChild(box);
    doc.body.appendChild(wrap);
    return { wrap: wrap, pointer: pointer, box: box };
  }

  function showPointer(x, y) {
    if (!state.ui || typeof x !== 'number' || typeof y !== 'number') return;
    var p = state.ui.pointer;
    p.style.left = x + 'px';
    p.style.top = y + 'px';
    p.style.display = 'block';
    clearTimeout(state.pointerTimer);
    state.pointerTimer = setTimeout(function () { p.style.display = 'none'; }, 4000);
  }

  function highlight(id) {
    var node = recorder && recorder.node(id);
    if (!state.ui || !node || node.nodeType !== 1) return;
    if (node.closest && node.closest('#baton-chat,#baton-cobrowse')) return;
    var rect = node.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > root.innerHeight) node.scrollIntoView({ block: 'center' });
    rect = node.getBoundingClientRect();
    var box = state.ui.box;
    box.style.left = rect.left + root.scrollX - 4 + 'px';
    box.style.top = rect.top + root.scrollY - 4 + 'px';
    box.style.width = rect.width + 8 + 'px';
    box.style.height = rect.height + 8 + 'px';
    box.style.display = 'block';
    clearTimeout(state.boxTimer);
    state.boxTimer = setTimeout(function () { box.style.display = 'none'; }, 5000);
  }

  function start(texts) {
    if (state.active) return;
    state.active = true;
    state.ui = mountUi(texts || { viewing: 'The shop is viewing this page', stop: 'Stop sharing' });
    state.stop = recorder.listen(emit);
  }

  function end() {
    state.active = false;
    if (state.stop) state.stop();
    state.stop = null;
    clearTimeout(state.timer);
    state.batch = [];
    state.snapshot = [];
    if (state.ui) state.ui.wrap.remove();
    state.ui = null;
  }

  function onMessage(message) {
    if (message.cmd === 'start') start(message.texts);
    else if (message.cmd === 'end') end();
    else if (message.cmd === 'snapshot' && state.active) recorder.snapshot();
    else if (message.cmd === 'pointer') showPointer(message.x, message.y);
    else if (message.cmd === 'highlight') highlight(message.id);
  }

  function ready(shared) {
    recorder = shared;
    host.onMessage = onMessage;
    var queued = host.queue || [];
    host.queue = [];
    queued.forEach(onMessage);
  }

  root.addEventListener('pagehide', function () {
    if (state.active) send({ ev: 'left' });
  });

  host.withRecorder(ready);
})(window);
