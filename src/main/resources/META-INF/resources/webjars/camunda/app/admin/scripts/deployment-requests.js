// Admin custom script (config.js customScripts): a "Deployment requests" section on Admin's
// dashboard with our pages, and the footer naming the browser's zone as Tasklist does.
import {CALENDAR_TITLE, REQUESTS_TITLE, pageLink, watchFooterZone} from '../../tasklist/scripts/drp-header.js';

export default {
  id: 'drp-pages',
  pluginPoint: 'admin.dashboard.section',
  priority: 0,
  properties: {label: 'Deployment requests'},
  render: node => {
    const list = document.createElement('ul');
    list.className = 'drp-pages';
    for (const [page, text, title] of [
      ['requests.html', 'Requests', REQUESTS_TITLE],
      ['calendar.html', 'Calendar', CALENDAR_TITLE],
      ['mailbox.html', 'Mailbox', 'The mails the process sent in this run']
    ]) {
      const item = document.createElement('li');
      item.appendChild(pageLink(page, text, title));
      list.appendChild(item);
    }
    node.appendChild(list);
    watchFooterZone();
  }
};
