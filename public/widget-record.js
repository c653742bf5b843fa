/*! Baton website chat: visit recording. widget.js loads this only when the shop turned
 * "Record visits" on for its chat. It loads rrweb's recorder from Baton, records this page
 * with every input masked and anything marked data-baton-private (and the chat itself)
 * blocked, and sends the events in gzipped batches to Baton with an upload-only token the
 * chat hands over once the visitor has one (until then they wait here). The last batch
 * goes out with fetch keepalive when the page is hidden or left.
 * Plain ES2017, no dependencies of its own.
 */
(function (root) {
  'use strict';
  var FLUSH_MS = 5000;
  var LIMITS = { maxEvents: 500, maxChars: 400000 };
  // Before the visitor has a token (they have not written yet): past this, start over from
  // a fresh full snapshot instead of growing without end.
  var MAX_WAITING_CHARS = 4000000;
  // Browsers refuse keepalive bodies over 64 KB in flight.
  var KEEPALIVE_MAX_BYTES = 60000;
  // A visit is the pages seen without a 30-minute pause (as analytics count sessions).
  var SESSION_GAP_MS = 30 * 60e3;

  /** The events waiting to be sent, with a running size; push says when a batch is full. */
  function createBatcher(limits) {
    var events = [];
    var chars = 0;
    return {
      push: function (event) {
        events.push(event);
        chars += JSON.stringify(event).length;
        return events.length >= limits.maxEvents || chars >= limits.maxChars;
      },
      size: function () {
        return chars;
      },
      count: function () {
        return events.length;
      },
      take: function () {
        var out = events;
        events = [];
        chars = 0;
        return out;
      },
    };
  }

  /** A batch as bytes: gzip through CompressionStream where the browser has it, plain JSON otherwise. */
  function encode(events, env) {
    var json = JSON.stringify(events);
    if (!env.CompressionStream) return Promise.resolve({ encoding: 'json', bytes: new env.TextEncoder().encode(json) });
    var stream = new env.Blob([json]).stream().pipeThrough(new env.CompressionStream('gzip'));
    return new env.Response(stream).arrayBuffer().then(function (buffer) {
      return { encoding: 'gzip', bytes: new Uint8Array(buffer) };
    });
  }

  /** The same without waiting (for the page being left): JSON, not compressed. */
  function encodeNow(events, env) {
    return { encoding: 'json', bytes: new env.TextEncoder().encode(JSON.stringify(events)) };
  }

  /** The upload's body: a header line, then the batch. text/plain keeps it a CORS-simple request. */
  function frame(header, bytes, env) {
    return new env.Blob([JSON.stringify(header) + '\n', bytes], { type: 'text/plain' });
  }

  /** The visit's key and next batch number, kept in this tab's sessionStorage across the shop's pages. */
  function visitState(storage, name, now, random) {
    var saved = null;
    try {
      saved = JSON.parse(storage.getItem(name) || 'null');
    } catch (e) {
      saved = null;
    }
    var state = saved && typeof saved.k === 'string' && now - saved.at < SESSION_GAP_MS ? saved : { k: random(), n: 0, at: now };
    return {
      key: state.k,
      next: function (at) {
        var n = state.n;
        state.n = n + 1;
        state.at = at;
        try {
          storage.setItem(name, JSON.stringify(state));
        } catch (e) {
          // no storage: the pages of a visit become separate recordings
        }
        return n;
      },
    };
  }

  function randomKey() {
    var bytes = new Uint8Array(16);
    root.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function boot(host) {
    var url = host.base + '/api/widget/' + encodeURIComponent(host.token) + '/recordings';
    var batcher = createBatcher(LIMITS);
    var storage;
    try {
      storage = root.sessionStorage;
    } catch (e) {
      storage = { getItem: function () { return null; }, setItem: function () {} };
    }
    var visit = visitState(storage, 'baton:rec:' + host.token, Date.now(), randomKey);
    var token = host.recordingToken || null;
    var stopped = false;
    var recorder = null;
    var stopRecording = null;

    function refused(response) {
      // 401: the token no longer stands for a visitor; 403: the shop turned recording off or
      // the site is not allowed; 413: this visit is full. Nothing more to send from this page.
      if (response.status === 401 || response.status === 403 || response.status === 413) stop();
    }

    function post(body, keepalive) {
      var init = { method: 'POST', body: body, credentials: 'omit', mode: 'cors' };
      if (keepalive && body.size <= KEEPALIVE_MAX_BYTES) init.keepalive = true;
      return root.fetch(url, init).then(refused, function () {});
    }

    function flush(leaving) {
      if (stopped || !token || batcher.count() === 0) return;
      var events = batcher.take();
      var header = { t: token, s: visit.key, n: visit.next(Date.now()), e: 'json' };
      if (leaving) {
        var now = encodeNow(events, root);
        header.e = now.encoding;
        post(frame(header, now.bytes, root), true);
        return;
      }
      encode(events, root).then(function (encoded) {
        header.e = encoded.encoding;
        return post(frame(header, encoded.bytes, root), false);
      });
    }

    function stop() {
      stopped = true;
      batcher.take();
      if (stopRecording) stopRecording();
    }

    function emit(event) {
      if (stopped) return;
      var full = batcher.push(event);
      if (token && full) flush(false);
      else if (!token && batcher.size() > MAX_WAITING_CHARS) {
        batcher.take();
        setTimeout(function () { if (recorder && !stopped) recorder.snapshot(); }, 0);
      }
    }

    host.onToken = function (next) {
      // Another visitor (the shop signed its customer out): what was seen belongs to nobody yet.
      if (token && next !== token) batcher.take();
      token = next || null;
      if (token) flush(false);
    };

    // The page's one recorder (public/widget-record-shared.js), which co-browsing listens to as well.
    function start(shared) {
      if (stopped) return;
      recorder = shared;
      stopRecording = shared.listen(emit);
      setInterval(function () { flush(false); }, FLUSH_MS);
      root.addEventListener('pagehide', function () { flush(true); });
      root.document.addEventListener('visibilitychange', function () {
        if (root.document.visibilityState === 'hidden') flush(true);
      });
    }

    host.withRecorder(start);
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { createBatcher: createBatcher, encode: encode, encodeNow: encodeNow, frame: frame, visitState: visitState };
  } else if (root.__batonRecordHost) {
    boot(root.__batonRecordHost);
  }
})(typeof window !== 'undefined' ? window : globalThis);
