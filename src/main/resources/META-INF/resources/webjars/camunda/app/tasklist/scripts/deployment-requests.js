// Tasklist custom script (config.js customScripts): a frontend plugin in Tasklist's header.
// - "Requests" opens our requests page (/requests.html), "Calendar" the change calendar
//   (/calendar.html), with the same sign-in;
// - "Create task" is shown only to people whom the engine lets create tasks (user-styles.css hides
//   it otherwise; the engine refuses a task created by anyone else anyway);
// - a field that does not match its pattern says so in words (its description) instead of form-js's
//   "Field must match pattern ^...$." (form-js 1.x has no custom messages);
// - the server's refusal of a start form, which Tasklist shows at the top of the long start
//   dialog, is repeated beside the Start button, where the person who clicked it looks;
// - the footer names the browser's zone by its current IANA id (Chromium still says Asia/Calcutta
//   for the zone the app and its mails call Asia/Kolkata), with its UTC offset.
import {CALENDAR_TITLE, REQUESTS_TITLE, pageLink, watchFooterZone} from './drp-header.js';

const PATTERN_MESSAGE = /must match pattern/i;

function explainPatterns(root) {
  for (const error of root.querySelectorAll('.fjs-form-field-error')) {
    if (!PATTERN_MESSAGE.test(error.textContent)) continue;
    const field = error.closest('.fjs-form-field');
    const description = field && field.querySelector('.fjs-form-field-description');
    const rule = description ? description.textContent.trim() : '';
    const message = rule ? 'Not in the expected form. ' + rule + '.' : 'Not in the expected form.';
    for (const item of error.querySelectorAll('li')) {
      if (PATTERN_MESSAGE.test(item.textContent)) item.textContent = message;
    }
    if (!error.querySelector('li') && PATTERN_MESSAGE.test(error.textContent)) error.textContent = message;
  }
}

function alertText(alert) {
  const copy = alert.cloneNode(true);
  copy.querySelectorAll('.close, button').forEach(node => node.remove());
  // Tasklist joins its title and the server's message with ". : "
  return copy.textContent.replace(/\s+/g, ' ').replace(/\.\s*:\s*/g, ': ').trim();
}

function repeatDialogErrors(root) {
  for (const dialog of root.querySelectorAll('.modal-dialog')) {
    const footer = dialog.querySelector('.modal-footer');
    if (!footer) continue;
    const text = [...dialog.querySelectorAll('.notifications .alert-danger')].map(alertText).filter(Boolean).join(' ');
    let slot = footer.querySelector('.drp-footer-error');
    if (!text) {
      slot?.remove();
      continue;
    }
    if (!slot) {
      slot = document.createElement('p');
      slot.className = 'drp-footer-error text-danger';
      slot.setAttribute('role', 'alert');
      footer.prepend(slot);
    }
    if (slot.textContent !== text) {
      slot.textContent = text;
      // the line pushed the buttons down: keep them, and the line, in sight
      footer.scrollIntoView({block: 'nearest'});
    }
  }
}

function watchForms() {
  if (document.body.dataset.drpForms) return;
  document.body.dataset.drpForms = 'watched';
  new MutationObserver(() => {
    explainPatterns(document.body);
    repeatDialogErrors(document.body);
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}

async function markWhoMayCreateTasks(api) {
  try {
    const response = await fetch(api.engineApi + '/authorization/check?permissionName=CREATE&resourceName=Task&resourceType=7', {
      credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken}
    });
    const answer = response.ok ? await response.json() : {authorized: false};
    document.body.classList.toggle('drp-may-create-tasks', answer.authorized === true);
  } catch (unreachable) {
    document.body.classList.remove('drp-may-create-tasks');
  }
}

function headerItem(node, page, text, title, itemClass) {
  node.appendChild(pageLink(page, text, title));
  node.closest('li')?.classList.add(itemClass);
}

// an array of plugins: one header item each (Tasklist's plugin loader takes both forms)
export default [{
  id: 'drp-requests-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 300,
  render: (node, {api}) => {
    headerItem(node, 'requests.html', 'Requests', REQUESTS_TITLE, 'drp-requests-link');
    markWhoMayCreateTasks(api);
    watchForms();
    watchFooterZone();
  }
}, {
  id: 'drp-calendar-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 290,
  render: (node) => {
    headerItem(node, 'calendar.html', 'Calendar', CALENDAR_TITLE, 'drp-calendar-link');
  }
}];
