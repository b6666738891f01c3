// Tasklist custom script (config.js customScripts): a frontend plugin in Tasklist's header.
// - "Requests" opens our requests page (/requests.html), "Calendar" the change calendar
//   (/calendar.html), with the same sign-in;
// - "Create task" is shown only to people whom the engine lets create tasks (user-styles.css hides
//   it otherwise; the engine refuses a task created by anyone else anyway);
// - a field that does not match its pattern says so in words (its description) instead of form-js's
//   "Field must match pattern ^...$." (form-js 1.x has no custom messages);
// - the footer names the browser's zone by its current IANA id (Chromium still says Asia/Calcutta
//   for the zone the app and its mails call Asia/Kolkata), with its UTC offset.
const ALIASES = {'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Katmandu': 'Asia/Kathmandu'};

function appRootParent() {
  // the webapps live at <context>/camunda: our pages at <context>/
  const root = document.querySelector('base').getAttribute('app-root') || '';
  return root.replace(/\/[^/]*$/, '') + '/';
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

function watchPatternMessages() {
  if (document.body.dataset.drpPatterns) return;
  document.body.dataset.drpPatterns = 'watched';
  new MutationObserver(() => explainPatterns(document.body))
      .observe(document.body, {childList: true, subtree: true, characterData: true});
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

function pageLink(node, page, text, title, itemClass) {
  const link = document.createElement('a');
  link.href = appRootParent() + page;
  link.textContent = text;
  link.title = title;
  node.appendChild(link);
  node.closest('li')?.classList.add(itemClass);
}

// an array of plugins: one header item each (Tasklist's plugin loader takes both forms)
export default [{
  id: 'drp-requests-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 300,
  render: (node, {api}) => {
    pageLink(node, 'requests.html', 'Requests', 'Where every deployment request stands', 'drp-requests-link');
    markWhoMayCreateTasks(api);
    watchPatternMessages();
    if (!nameTheZone()) {
      const footer = new MutationObserver(() => nameTheZone() && footer.disconnect());
      footer.observe(document.body, {childList: true, subtree: true, characterData: true});
    }
  }
}, {
  id: 'drp-calendar-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 290,
  render: (node) => {
    pageLink(node, 'calendar.html', 'Calendar', 'Scheduled, running and finished deployments per environment', 'drp-calendar-link');
  }
}];
