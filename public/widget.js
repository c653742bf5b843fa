/*! Baton website chat loader. Paste on your site:
 *  <script src="https://YOUR-BATON/widget.js" data-baton-token="WIDGET_TOKEN" async></script>
 * Optional: window.BatonSettings = { token, identifier, hash, name, email } before it, and
 * Baton('identify', { identifier, hash, name, email }), Baton('reset'), Baton('open'),
 * Baton('close'), Baton('toggle') at any time (calls made before it loads are queued when
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
        return post({
          type: 'identify',
          identity: { identifier: String(options.identifier), hash: String(options.hash), name: options.name || undefined, email: options.email || undefined },
        });
      case 'reset':
        pending = pending.filter(function (m) { return m.type !== 'identify'; });
        return post({ type: 'reset' });
      default:
        warn('unknown command ' + command);
    }
  }
  window.Baton = function () {
    return api.apply(null, arguments);
  };

  if (!token || !base) return warn('add data-baton-token="…" to the widget.js script tag');
  var frameUrl = base + '/widget/' + encodeURIComponent(token) + '?origin=' + encodeURIComponent(location.origin);

  var ICON_CHAT = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="currentColor"><path d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.5 3.4 6l-.9 3.6c-.1.4.3.7.7.5l4.2-2.2c.8.2 1.7.3 2.6.3 5.5 0 10-3.6 10-8S17.5 3 12 3z"/></svg>';
  var ICON_CLOSE = '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2"><path d="M6 6l12 12M18 6L6 18"/></svg>';

  function css(c) {
    var side = c.position === 'left' ? 'left' : 'right';
    return (
      ':host{all:initial}' +
      '.l{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483646;width:60px;height:60px;border-radius:50%;border:0;cursor:pointer;' +
      'display:flex;align-items:center;justify-content:center;box-shadow:0 4px 16px rgba(0,0,0,.25);background:' + c.color + ';color:' + c.textColor + '}' +
      '.l:focus-visible{outline:3px solid ' + c.color + ';outline-offset:3px}' +
      '.b{position:absolute;top:-4px;' + (side === 'left' ? 'right' : 'left') + ':-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;' +
      'background:#dc2626;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}' +
      '.b[hidden]{display:none}' +
      '.f{position:fixed;bottom:92px;' + side + ':20px;z-index:2147483647;width:380px;height:640px;max-height:calc(100vh - 112px);border:0;border-radius:16px;' +
      'background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.25);visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .18s,transform .18s,visibility 0s .18s}' +
      '.f.o{visibility:visible;opacity:1;transform:none;transition:opacity .18s,transform .18s}' +
      '@media (max-width:639px){.f{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.l.o{display:none}}' +
      '@media (prefers-reduced-motion:reduce){.f,.f.o{transition:none}}'
    );
  }

  function label() {
    var text = state.open ? 'Close chat' : 'Open chat';
    if (!state.open && state.unread) text += ' (' + state.unread + ' unread ' + (state.unread === 1 ? 'message' : 'messages') + ')';
    return text;
  }

  function render() {
    if (!els.button) return;
    els.button.setAttribute('aria-label', label());
    els.button.setAttribute('aria-expanded', String(state.open));
    els.button.innerHTML = state.open ? ICON_CLOSE : ICON_CHAT;
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
    state.open = open;
    render();
    post({ type: open ? 'open' : 'close' });
    // Opening: the chat moves focus into itself once it is ready (a focus() on the iframe
    // from here races with it and can swallow the first keystrokes). Closing: back here.
    if (!open && (hadFocus || document.activeElement === els.host)) els.button.focus();
  }

  function mount(config) {
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
    els.frame.setAttribute('allow', 'clipboard-write');
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
    } else if (data.type === 'close') {
      setOpen(false);
    } else if (data.type === 'identity-error') {
      warn('identify was refused: ' + data.error);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && state.open) setOpen(false);
  });

  function start() {
    fetch(base + '/api/widget/' + encodeURIComponent(token) + '/config', { credentials: 'omit' })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || 'HTTP ' + response.status);
          return body.config;
        });
      })
      .then(function (config) {
        mount(config);
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
