// What our Tasklist, Cockpit and Admin scripts share (each app's config.js loads its own script,
// which imports this module): where our pages are, our pages' links, and the footer's zone by its
// current IANA id (Chromium still says Asia/Calcutta for the zone the app and its mails call
// Asia/Kolkata), with its UTC offset.
const ALIASES = {'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Katmandu': 'Asia/Kathmandu'};

export const REQUESTS_TITLE = 'Where every deployment request stands';
export const CALENDAR_TITLE = 'Scheduled, running and finished deployments per environment';

/** Our pages' folder: the webapps live at <context>/camunda, our pages at <context>/. */
export function pagesRoot() {
  const root = document.querySelector('base').getAttribute('app-root') || '';
  return root.replace(/\/[^/]*$/, '') + '/';
}

/** A link to one of our pages, e.g. ('requests.html', 'Requests', 'Where every request stands'). */
export function pageLink(page, text, title) {
  const link = document.createElement('a');
  link.href = pagesRoot() + page;
  link.textContent = text;
  if (title) link.title = title;
  return link;
}

function offset() {
  const minutes = -new Date().getTimezoneOffset();
  const abs = Math.abs(minutes);
  return 'UTC' + (minutes < 0 ? '-' : '+') + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
}

function nameTheZone() {
  const slot = document.querySelector('#footer-timezone i');
  if (!slot || !slot.textContent.trim()) return false;
  if (slot.dataset.drp) return true;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  slot.textContent = (ALIASES[zone] || zone) + ' (' + offset() + ')';
  slot.dataset.drp = 'named';
  return true;
}

/** Names the footer's zone once the app has drawn its footer. */
export function watchFooterZone() {
  if (nameTheZone()) return;
  const footer = new MutationObserver(() => nameTheZone() && footer.disconnect());
  footer.observe(document.body, {childList: true, subtree: true, characterData: true});
}
