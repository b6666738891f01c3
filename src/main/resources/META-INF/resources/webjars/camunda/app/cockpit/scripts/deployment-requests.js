// Cockpit custom script (config.js customScripts): "Requests" and "Calendar" in Cockpit's header
// open our pages with the same sign-in, and the footer names the browser's zone as Tasklist does.
import {CALENDAR_TITLE, REQUESTS_TITLE, pageLink, watchFooterZone} from '../../tasklist/scripts/drp-header.js';

export default [{
  id: 'drp-requests-link',
  pluginPoint: 'cockpit.navigation',
  priority: 1,
  render: node => {
    node.appendChild(pageLink('requests.html', 'Requests', REQUESTS_TITLE));
    watchFooterZone();
  }
}, {
  id: 'drp-calendar-link',
  pluginPoint: 'cockpit.navigation',
  priority: 0,
  render: node => node.appendChild(pageLink('calendar.html', 'Calendar', CALENDAR_TITLE))
}];
