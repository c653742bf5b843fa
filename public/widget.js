/*! Baton website chat loader. Paste on your site:
 *  <script src="https://YOUR-BATON/widget.js" data-baton-token="WIDGET_TOKEN" async></script>
 * Optional: window.BatonSettings = { token, identifier, hash, name, email } before it, and
 * Baton('identify', { identifier, hash, name, email }), Baton('reset'), Baton('open'),
 * Baton('close'), Baton('toggle'), Baton('set', { cartValue: 129.5 }) (page data for action rules) at any time (calls made before it loads are queued when
 * you define the stub: window.Baton = window.Baton || function () { (Baton.q = Baton.q || []).push(arguments) }).
 * Plain ES2017, no dependencies: it adds a launcher button and the chat iframe, nothing else.
 */
(function () {
  'use strict';
  if (window.__batonLoader) return;
  window.__batonLoader = true;

  var settings = window.BatonSettings || {};
  var script = document.currentScript || document.querySelector('script[data-baton-token]');
  var token = (script && script.getAttribute('data-baton-token')) || settings.token;
  var base;
  try {
    base = new URL(settings.baseUrl || (script && script.src) || '').origin;
  } catch (e) {
    base = null;
  }
  var queued = (window.Baton && window.Baton.q) || [];
  var pending = []; // loader messages waiting for the iframe to be ready
  var state = { open: false, ready: false, unread: 0 };
  var els = {};

  function warn(message) {
    if (window.console) console.warn('[Baton] ' + message);
  }

  function post(message) {
    message.source = 'baton-loader';
    if (!state.ready || !els.frame) {
      // open/close are not queued: the current state is sent when the chat is ready.
      if (message.type !== 'open' && message.type !== 'close') pending.push(message);
      return;
    }
    els.frame.contentWindow.postMessage(message, base);
  }

  function api(command, options) {
    switch (command) {
      case 'open':
        return setOpen(true);
      case 'close':
        return setOpen(false);
      case 'toggle':
        return setOpen(!state.open);
      case 'identify':
        if (!options || !options.identifier || !options.hash) return warn('identify needs { identifier, hash } (hash = HMAC-SHA256 of identifier, computed on your server)');
        setPageFacts({ identified: true });
        return post({
          type: 'identify',
          identity: { identifier: String(options.identifier), hash: String(options.hash), name: options.name || undefined, email: options.email || undefined },
        });
      case 'reset':
        pending = pending.filter(function (m) { return m.type !== 'identify'; });
        setPageFacts({ identified: false });
        return post({ type: 'reset' });
      case 'set':
        return setPageFacts({ data: options });
      default:
        warn('unknown command ' + command);
    }
  }
  window.Baton = function () {
    return api.apply(null, arguments);
  };

  if (!token || !base) return warn('add data-baton-token="…" to the widget.js script tag');
  // The visitor's browser language, for a shop whose chat follows it.
  var lang = encodeURIComponent(navigator.language || '');
  var frameUrl = base + '/widget/' + encodeURIComponent(token) + '?origin=' + encodeURIComponent(location.origin) + '&lang=' + lang;
  var config = { texts: {} };

  // --- The launcher's look (shop settings): icon, label, position and offsets. ---
  var ICON_CLOSE = '<path d="M6 6l12 12M18 6L6 18"/>';
  var ICONS = {
    chat: '<path fill="currentColor" stroke="none" d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.5 3.4 6l-.9 3.6c-.1.4.3.7.7.5l4.2-2.2c.8.2 1.7.3 2.6.3 5.5 0 10-3.6 10-8S17.5 3 12 3z"/>',
    help: '<circle cx="12" cy="12" r="10"/><path d="M9.09 9a3 3 0 0 1 5.83 1c0 2-3 3-3 3M12 17h.01"/>',
    message: '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/>',
    headset: '<path d="M3 14h3a2 2 0 0 1 2 2v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a9 9 0 0 1 18 0v7a2 2 0 0 1-2 2h-1a2 2 0 0 1-2-2v-3a2 2 0 0 1 2-2h3"/>',
  };

  function icon(paths) {
    return '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' + paths + '</svg>';
  }

  function px(value, fallback) {
    var n = Number(value);
    return (n >= 0 && n <= 200 ? Math.round(n) : fallback) + 'px';
  }

  function launcherCss(c) {
    var side = c.position === 'left' ? 'left' : 'right';
    var x = px(c.offsetX, 20);
    var bottom = px(c.offsetY, 20);
    return (
      '.l{position:fixed;bottom:' + bottom + ';' + side + ':' + x + ';z-index:2147483646;min-width:60px;height:60px;border-radius:30px;border:0;cursor:pointer;' +
      'display:flex;align-items:center;justify-content:center;gap:8px;box-sizing:border-box;box-shadow:0 4px 16px rgba(0,0,0,.25);background:' + c.color + ';color:' + c.textColor + '}' +
      '.l.t{padding:0 20px 0 16px}.l.o{padding:0}' +
      '.t span.x{font:600 15px/1 system-ui,sans-serif;white-space:nowrap;max-width:40vw;overflow:hidden;text-overflow:ellipsis}' +
      '.f{bottom:calc(' + bottom + ' + 72px);' + side + ':' + x + ';max-height:calc(100vh - ' + bottom + ' - 92px)}' +
      '.b{' + (side === 'left' ? 'right' : 'left') + ':-4px}'
    );
  }

  /** The launcher's inside: the chosen icon and label, or the close icon while open. */
  function launcherContent() {
    if (state.open) return icon(ICON_CLOSE);
    var html = icon(ICONS[config.icon] || ICONS.chat);
    return config.label ? html + '<span class="x"></span>' : html;
  }

  function css(c) {
    return (
      ':host{all:initial}' +
      '.l:focus-visible{outline:3px solid ' + c.color + ';outline-offset:3px}' +
      '.b{position:absolute;top:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;' +
      'background:#dc2626;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}' +
      '.b[hidden]{display:none}' +
      '.f{position:fixed;z-index:2147483647;width:380px;height:640px;border:0;border-radius:16px;' +
      'background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.25);visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .18s,transform .18s,visibility 0s .18s}' +
      '.f.o{visibility:visible;opacity:1;transform:none;transition:opacity .18s,transform .18s}' +
      launcherCss(c) +
      '@media (max-width:639px){.f{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.l.o{display:none}}' +
      '@media (prefers-reduced-motion:reduce){.f,.f.o{transition:none}}'
    );
  }

  /** The launcher's accessible name in the widget's language, with the unread count. */
  function label() {
    var t = config.texts;
    var text = state.open ? t.closeChat || 'Close chat' : t.openChat || 'Open chat';
    if (!state.open && state.unread) {
      text += ' (' + (state.unread === 1 ? t.unreadOne || '1 unread message' : (t.unreadMany || '{n} unread messages').replace('{n}', state.unread)) + ')';
    }
    return text;
  }

  function render() {
    if (!els.button) return;
    els.button.setAttribute('aria-label', label());
    els.button.setAttribute('aria-expanded', String(state.open));
    els.button.innerHTML = launcherContent();
    var text = els.button.querySelector('.x');
    if (text) text.textContent = config.label;
    els.button.classList.toggle('t', Boolean(config.label));
    els.button.appendChild(els.badge);
    els.badge.hidden = state.open || !state.unread;
    els.badge.textContent = state.unread > 99 ? '99+' : String(state.unread);
    els.button.classList.toggle('o', state.open);
    els.frame.classList.toggle('o', state.open);
  }

  // A reply while the chat is closed or the tab hidden: the tab's title alternates with a
  // notice until the visitor is back (opens the chat, or returns to the tab with it open).
  var blink = { timer: 0, title: '' };
  function blinkTitle(on) {
    if (!on) {
      if (blink.timer) document.title = blink.title;
      clearInterval(blink.timer);
      blink.timer = 0;
      return;
    }
    if (blink.timer) return;
    blink.title = document.title;
    blink.timer = setInterval(function () {
      document.title = document.title === blink.title ? 'New message \u2013 ' + blink.title : blink.title;
    }, 1000);
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && state.open) blinkTitle(false);
  });

  function setOpen(open) {
    if (!els.frame || state.open === open) return;
    if (open) blinkTitle(false);
    var hadFocus = els.root.activeElement === els.frame;
    if (open) showBubble(null);
    state.open = open;
    render();
    post({ type: open ? 'open' : 'close' });
    // Opening: the chat moves focus into itself once it is ready (a focus() on the iframe
    // from here races with it and can swallow the first keystrokes). Closing: back here.
    if (!open && (hadFocus || document.activeElement === els.host)) els.button.focus();
  }

  /** Whether the shop wants the launcher now: it can hide it while nobody can answer. */
  function wanted(c) {
    return c.available !== false || !c.hideWhenUnavailable;
  }

  function mount(c) {
    config = c;
    config.texts = c.texts || {};
    els.host = document.createElement('div');
    els.host.id = 'baton-chat';
    els.host.setAttribute('data-baton', '');
    els.root = els.host.attachShadow ? els.host.attachShadow({ mode: 'open' }) : els.host;
    var style = document.createElement('style');
    style.textContent = css(config);
    els.button = document.createElement('button');
    els.button.type = 'button';
    els.button.className = 'l';
    els.button.setAttribute('aria-controls', 'baton-frame');
    els.button.addEventListener('click', function () { setOpen(!state.open); });
    els.badge = document.createElement('span');
    els.badge.className = 'b';
    els.badge.setAttribute('aria-hidden', 'true');
    els.frame = document.createElement('iframe');
    els.frame.id = 'baton-frame';
    els.frame.className = 'f';
    els.frame.title = config.title || 'Chat';
    els.frame.src = frameUrl;
    // Calls from an agent: without camera and microphone here, getUserMedia is blocked in the frame.
    els.frame.setAttribute('allow', 'clipboard-write; camera; microphone');
    els.root.appendChild(style);
    els.root.appendChild(els.frame);
    els.root.appendChild(els.button);
    document.body.appendChild(els.host);
    render();
  }

  window.addEventListener('message', function (event) {
    if (!els.frame || event.source !== els.frame.contentWindow || event.origin !== base) return;
    var data = event.data;
    if (!data || data.source !== 'baton-widget') return;
    if (data.type === 'ready') {
      state.ready = true;
      var messages = pending;
      pending = [];
      post({ type: state.open ? 'open' : 'close' });
      messages.forEach(post);
    } else if (data.type === 'unread') {
      state.unread = Math.max(0, Number(data.count) || 0);
      render();
    } else if (data.type === 'new-reply') {
      if (!state.open || document.hidden) blinkTitle(true);
    } else if (data.type === 'open') {
      setOpen(true);
    } else if (data.type === 'close') {
      setOpen(false);
    } else if (data.type === 'identity-error') {
      warn('identify was refused: ' + data.error);
    } else if (data.type === 'recording-token') {
      recording.token = typeof data.token === 'string' ? data.token : null;
      if (recording.host) {
        recording.host.recordingToken = recording.token;
        if (recording.host.onToken) recording.host.onToken(recording.token);
      }
    } else if (data.type === 'cobrowse') {
      onCobrowse(data);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && state.open) setOpen(false);
  });

  // Action rules: page facts the shop gives, and the rules script (public/widget-rules.js),
  // fetched only when the chat has enabled rules; it calls runRule with what to do.
  var facts = { identified: false, data: {} };
  var rulesHost = null;

  function setPageFacts(change) {
    if ('identified' in change) facts.identified = change.identified;
    if (change.data && typeof change.data === 'object') {
      Object.keys(change.data).forEach(function (key) {
        var value = change.data[key];
        if (value === null || ['string', 'number', 'boolean'].indexOf(typeof value) !== -1) facts.data[key] = value;
      });
    }
    if (rulesHost && rulesHost.tick) rulesHost.tick();
  }

  function loadRules(config) {
    rulesHost = window.__batonRulesHost = {
      base: base,
      token: token,
      facts: function () { return { identified: facts.identified, data: facts.data }; },
      run: runRule,
    };
    var style = document.createElement('style');
    var side = config.position === 'left' ? 'left' : 'right';
    style.textContent =
      '.p{position:fixed;bottom:' + (parseInt(px(config.offsetY, 20), 10) + 72) + 'px;' + side + ':' + px(config.offsetX, 20) + ';z-index:2147483646;max-width:min(280px,calc(100vw - 40px));padding:10px 14px;border:0;border-radius:12px;' +
      'background:#fff;color:#111827;font:14px/1.4 system-ui,sans-serif;text-align:left;white-space:pre-wrap;overflow-wrap:anywhere;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.2)}' +
      '.p[hidden]{display:none}';
    els.root.appendChild(style);
    var script = document.createElement('script');
    script.src = base + '/widget-rules.js';
    script.async = true;
    document.head.appendChild(script);
  }

  function runRule(action, ruleId) {
    if (!els.button) return;
    if (action.kind === 'show' || action.kind === 'hide') {
      els.button.style.display = action.kind === 'hide' ? 'none' : '';
      if (action.kind === 'hide') showBubble(null);
      return;
    }
    // The rule's id lets the chat store its message once the visitor writes (as the shop's, before theirs).
    if (action.message || action.flowId) post({ type: 'proactive', text: action.message || '', flowId: action.flowId || undefined, ruleId: ruleId || undefined });
    if (action.kind === 'open') setOpen(true);
    else if (action.message && !state.open) showBubble(action.message);
  }

  /** The shop's message beside the closed launcher (as text); null takes it away. */
  function showBubble(text) {
    if (!els.bubble) {
      if (!text) return;
      els.bubble = document.createElement('button');
      els.bubble.type = 'button';
      els.bubble.className = 'p';
      els.bubble.addEventListener('click', function () { setOpen(true); });
      els.root.appendChild(els.bubble);
    }
    els.bubble.hidden = !text;
    if (text) els.bubble.textContent = text;
  }

  // rrweb's recorder with the page's one shared recorder (rrwebRecord.shared), loaded once for
  // visit recording and co-browsing alike: both wait on the same load.
  var rrwebWaiting = null;
  function withRecorder(ready) {
    if (window.rrwebRecord && window.rrwebRecord.shared) return ready(window.rrwebRecord.shared);
    if (rrwebWaiting) return rrwebWaiting.push(ready);
    rrwebWaiting = [ready];
    var script = document.createElement('script');
    script.src = base + '/widget-record/rrweb-record.js';
    script.async = true;
    script.onload = function () {
      var waiting = rrwebWaiting;
      rrwebWaiting = null;
      waiting.forEach(function (f) { f(window.rrwebRecord.shared); });
    };
    document.head.appendChild(script);
  }

  // Visit recording (the shop opted in): public/widget-record.js records this page and sends
  // it with an upload-only token the chat hands over; fetched only when the chat records.
  var recording = { token: null, host: null };
  function loadRecorder() {
    recording.host = window.__batonRecordHost = { base: base, token: token, recordingToken: recording.token, withRecorder: withRecorder };
    var script = document.createElement('script');
    script.src = base + '/widget-record.js';
    script.async = true;
    document.head.appendChild(script);
  }

  // Co-browsing (the visitor accepted an agent's request in the chat): public/widget-cobrowse.js
  // mirrors this page to the chat and draws the agent's pointer; fetched only then.
  var cobrowse = null;
  function onCobrowse(data) {
    if (cobrowse) return cobrowse.onMessage ? cobrowse.onMessage(data) : cobrowse.queue.push(data);
    if (data.cmd !== 'start') return;
    cobrowse = window.__batonCobrowseHost = { base: base, queue: [data], withRecorder: withRecorder, send: function (m) { m.type = 'cobrowse'; post(m); } };
    var script = document.createElement('script');
    script.src = base + '/widget-cobrowse.js';
    script.async = true;
    document.head.appendChild(script);
  }

  function start() {
    fetch(base + '/api/widget/' + encodeURIComponent(token) + '/config?lang=' + lang, { credentials: 'omit' })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || 'HTTP ' + response.status);
          return body.config;
        });
      })
      .then(function (c) {
        if (!wanted(c)) return;
        mount(c);
        if (c.rules) loadRules(c);
        if (c.recording) loadRecorder();
        if (settings.identifier && settings.hash) api('identify', settings);
        for (var i = 0; i < queued.length; i++) api.apply(null, queued[i]);
      })
      .catch(function (error) {
        warn('the chat is not available here: ' + error.message);
      });
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
