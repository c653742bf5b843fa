/*! Baton website chat: the page's one rrweb recorder, shared. Served right after rrweb's
 * own bundle by /widget-record/rrweb-record.js. rrweb keeps its emitter and its node ids in
 * module state, so a second record() on the page takes every event away from the first
 * (and its stop ends both): visit recording and co-browsing each listen here instead, and
 * one recorder feeds them both. A listener that joins a running recorder gets a fresh full
 * snapshot (the others take it as a checkout). Plain ES2017, no dependencies.
 */
(function (root) {
  'use strict';
  var rr = root.rrwebRecord;
  if (!rr || rr.shared) return;
  // What either feature may show: every input masked; anything marked private, the chat and
  // the co-browsing bar blocked.
  var OPTIONS = {
    maskAllInputs: true,
    blockSelector: '[data-baton-private],#baton-chat,#baton-cobrowse',
    recordCrossOriginIframes: false,
    recordCanvas: false,
    collectFonts: false,
    // Every input event (masked), not only the last of a run: 'last' waits for the field's
    // change event, which never comes when the visitor types and leaves the page.
    sampling: { mousemove: 50, scroll: 100, media: 800 },
    slimDOMOptions: { script: true, comment: true, headFavicon: true, headWhitespace: true, headMetaSocial: true, headMetaRobots: true, headMetaHttpEquiv: true, headMetaVerification: true, headMetaAuthorship: true },
  };
  var listeners = [];
  var stop = null;

  function emit(event, checkout) {
    listeners.slice().forEach(function (listener) {
      listener(event, checkout);
    });
  }

  rr.shared = {
    /** Adds a listener, which starts with a full snapshot of the page; returns its removal. */
    listen: function (listener) {
      listeners.push(listener);
      if (stop) rr.record.takeFullSnapshot(true);
      else stop = rr.record(Object.assign({ emit: emit }, OPTIONS)) || null;
      return function () {
        var at = listeners.indexOf(listener);
        if (at >= 0) listeners.splice(at, 1);
        if (!listeners.length && stop) {
          stop();
          stop = null;
        }
      };
    },
    /** A fresh full snapshot for every listener (one asked for it). */
    snapshot: function () {
      if (stop) rr.record.takeFullSnapshot(true);
    },
    /** The page's node of a recorded id (the agent's highlight names one). */
    node: function (id) {
      return rr.record.mirror ? rr.record.mirror.getNode(id) : null;
    },
  };
})(typeof window !== 'undefined' ? window : globalThis);
