// What our pages share: calls to /api with the Tasklist session (or the browser's HTTP Basic), a
// clear "Sign in to Tasklist" when signed out, errors shown instead of an endless "Loading...", and
// dates in the browser's zone with that zone named.
'use strict';

const Pages = (() => {
  const TASKLIST = 'camunda/app/tasklist/';
  // Chromium's ICU still names India's zone by its old id; the app and its mails say Asia/Kolkata.
  const ZONE_ALIASES = {'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Katmandu': 'Asia/Kathmandu'};

  /** An answer that is not the data asked for: signed out, refused, not found, or broken. */
  class Refusal extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text, className) {
    const a = element('a', text, className);
    a.href = href;
    return a;
  }

  /**
   * GET a JSON document. X-Requested-With keeps the server from asking the browser for a password:
   * a signed-out call answers a bare 401, and the page shows its sign-in link instead.
   */
  async function getJson(path) {
    let response;
    try {
      response = await fetch(path, {
        credentials: 'same-origin',
        headers: {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
      });
    } catch (offline) {
      throw new Refusal(0, 'The server cannot be reached (' + offline.message + '). The page tries again shortly.');
    }
    if (response.ok) return response.json();
    let detail = '';
    try {
      const body = await response.json();
      detail = body.detail || body.message || '';
    } catch (notJson) {
      // an empty body, or HTML from a proxy
    }
    if (response.status === 401) throw new Refusal(401, 'You are not signed in.');
    if (response.status === 403) throw new Refusal(403, 'You may not see this' + (detail ? ': ' + detail : '.'));
    if (response.status === 404) throw new Refusal(404, detail || 'Not found.');
    throw new Refusal(response.status, 'The server answered ' + response.status + (detail ? ': ' + detail : '') + '. The page tries again shortly.');
  }

  /** Shows a refusal or error in the page's message box (and a sign-in link when signed out). */
  function showProblem(box, problem) {
    box.replaceChildren();
    box.hidden = false;
    box.className = 'problem';
    const status = problem instanceof Refusal ? problem.status : -1;
    box.dataset.status = String(status);
    box.appendChild(element('p', problem.message || String(problem)));
    if (status === 401) {
      const p = element('p');
      p.appendChild(link(TASKLIST, 'Sign in to Tasklist', 'sign-in'));
      p.appendChild(document.createTextNode(', then come back to this page (or reload it): it uses the same sign-in.'));
      box.appendChild(p);
    }
  }

  function clearProblem(box) {
    box.hidden = true;
    box.replaceChildren();
  }

  function zone() {
    const id = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    return ZONE_ALIASES[id] || id;
  }

  /** "UTC+05:30" for the browser's zone at that moment. */
  function offset(date) {
    const minutes = -date.getTimezoneOffset();
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return 'UTC' + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
  }

  function two(n) {
    return String(n).padStart(2, '0');
  }

  /** "2026-12-01 22:00", in the browser's zone; the same in every locale. */
  function dateTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }

  /** A time cell: the local time, with its UTC instant as tooltip. */
  function timeCell(tag, iso) {
    const node = element(tag, dateTime(iso));
    if (iso) {
      const t = element('time', null);
      node.replaceChildren(t);
      t.textContent = dateTime(iso);
      t.dateTime = iso;
      t.title = new Date(iso).toISOString() + ' (UTC)';
    }
    return node;
  }

  function windowText(w) {
    if (!w || (!w.start && !w.end)) return '';
    const start = dateTime(w.start);
    const end = dateTime(w.end);
    // the end on the same day shows its time only
    return start.slice(0, 10) === end.slice(0, 10) ? start + ' – ' + end.slice(11) : start + ' – ' + end;
  }

  /** "Times in Asia/Kolkata (UTC+05:30)". */
  function zoneNote() {
    return 'Times in ' + zone() + ' (' + offset(new Date()) + '), the zone of this browser.';
  }

  /** Fills the header's "signed in as" and answers who it is, or throws a Refusal. */
  async function me(slot) {
    const who = await getJson('api/me');
    if (slot) {
      slot.textContent = who.name + ' (' + who.id + ')';
    }
    return who;
  }

  return {Refusal, element, link, getJson, showProblem, clearProblem, dateTime, timeCell, windowText, zone, zoneNote, me, TASKLIST};
})();
