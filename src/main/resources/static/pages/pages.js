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

  const AUTH = 'camunda/api/admin/auth/user/default';

  /**
   * The session's CSRF token. Camunda's webapps hand it out once, in the X-XSRF-TOKEN header of
   * the read that gives the session its token; after that only in a cookie for /camunda, which
   * this page cannot read, so the server says it again (api/session/csrf-token).
   */
  async function csrfToken() {
    const first = await fetch(AUTH, {credentials: 'same-origin', cache: 'no-store', headers: {'Accept': 'application/json'}});
    const handed = first.headers.get('X-XSRF-TOKEN');
    if (handed) return handed;
    const again = await fetch('api/session/csrf-token', {credentials: 'same-origin', cache: 'no-store', headers: {'Accept': 'application/json'}});
    return again.ok ? (await again.json())['X-XSRF-TOKEN'] : '';
  }

  /** PUT, POST or DELETE JSON over the session; answers the JSON reply or throws a Refusal. */
  async function send(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          'Accept': 'application/json', 'Content-Type': 'application/json',
          'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': await csrfToken()
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (offline) {
      throw new Refusal(0, 'The server cannot be reached (' + offline.message + ').');
    }
    let answer = {};
    try {
      answer = await response.json();
    } catch (notJson) {
      // an empty body
    }
    if (!response.ok) throw new Refusal(response.status, answer.detail || answer.message || ('The server answered ' + response.status + '.'));
    return answer;
  }

  /**
   * Signs in on the webapps' own login (the same one as Tasklist's sign-in page, with its limits),
   * so this page, Tasklist, Cockpit and Admin share the session. Answers null, or why not.
   */
  async function signIn(user, password) {
    const form = new URLSearchParams({username: user, password});
    let response;
    try {
      response = await fetch(AUTH + '/login/tasklist', {
        method: 'POST', credentials: 'same-origin',
        headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json', 'X-XSRF-TOKEN': await csrfToken()},
        body: form,
      });
    } catch (offline) {
      return 'The server cannot be reached (' + offline.message + ').';
    }
    if (response.ok) return null;
    if (response.status === 401) return 'Wrong user name or password. After a failed attempt, the next one counts only after a few seconds.';
    if (response.status === 429) return 'Too many attempts: wait a few minutes, then try again.';
    return 'The sign-in failed (' + response.status + ').';
  }

  /** A sign-in form in the message box; once signed in, this page loads again, as the new user. */
  function signInForm(box) {
    const form = element('form', null, 'sign-in-form');
    const user = element('input');
    user.name = 'username';
    user.autocomplete = 'username';
    user.required = true;
    user.placeholder = 'User name';
    const password = element('input');
    password.name = 'password';
    password.type = 'password';
    password.autocomplete = 'current-password';
    password.required = true;
    password.placeholder = 'Password';
    const button = element('button', 'Sign in');
    button.type = 'submit';
    const why = element('span', null, 'why');
    why.setAttribute('role', 'alert');
    form.append(user, password, button, why);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      button.disabled = true;
      why.textContent = '';
      const refusal = await signIn(user.value, password.value);
      button.disabled = false;
      if (refusal) {
        why.textContent = refusal;
        password.value = '';
        password.focus();
        return;
      }
      location.reload();
    });
    box.appendChild(form);
    user.focus();
  }

  /**
   * Shows a refusal or error in the page's message box. Signed out, it offers to sign in right
   * here (and stay on this page), or in Tasklist.
   */
  function showProblem(box, problem) {
    const status = problem instanceof Refusal ? problem.status : -1;
    // a refresh that finds the session still signed out leaves the half-typed sign-in alone
    if (status === 401 && box.dataset.status === '401' && !box.hidden && box.querySelector('form')) return;
    box.replaceChildren();
    box.hidden = false;
    box.className = 'problem';
    box.dataset.status = String(status);
    box.appendChild(element('p', problem.message || String(problem)));
    if (status === 401) {
      box.appendChild(element('p', 'Sign in with your Tasklist account: you stay on this page.'));
      signInForm(box);
      const p = element('p');
      p.appendChild(link(TASKLIST, 'Sign in to Tasklist', 'sign-in'));
      p.appendChild(document.createTextNode(' instead, then come back to this page: it uses the same sign-in.'));
      box.appendChild(p);
    }
  }

  function clearProblem(box) {
    box.hidden = true;
    delete box.dataset.status;
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
      slot.replaceChildren(element('span', who.name + ' (' + who.id + ')'));
      taskMailSetting(slot);
    }
    return who;
  }

  /** "Task mails: Immediately / Off": whether a task for me or my groups is mailed to me. */
  async function taskMailSetting(slot) {
    const label = element('label', 'Task mails ', 'task-mails');
    const choice = element('select');
    choice.id = 'task-mails';
    choice.title = 'A mail when a task is assigned to you or lands in one of your groups\' queues';
    for (const [value, text] of [['IMMEDIATELY', 'Immediately'], ['OFF', 'Off']]) {
      const option = element('option', text);
      option.value = value;
      choice.appendChild(option);
    }
    // disabled until the server said the setting
    choice.disabled = true;
    const said = element('span', null, 'said');
    said.setAttribute('role', 'status');
    label.append(choice, said);
    slot.appendChild(label);
    try {
      choice.value = (await getJson('api/me/notifications')).taskMails;
    } catch (refused) {
      said.textContent = refused.message;
      return;
    }
    choice.disabled = false;
    choice.addEventListener('change', async () => {
      choice.disabled = true;
      said.textContent = '';
      try {
        choice.value = (await send('PUT', 'api/me/notifications', {taskMails: choice.value})).taskMails;
        said.textContent = 'Saved';
      } catch (refused) {
        said.textContent = 'Not saved: ' + refused.message;
        choice.value = (await getJson('api/me/notifications').catch(() => ({taskMails: choice.value}))).taskMails;
      }
      choice.disabled = false;
    });
  }

  return {Refusal, element, link, getJson, send, signIn, showProblem, clearProblem, dateTime, timeCell, windowText, zone, zoneNote, me, TASKLIST};
})();
