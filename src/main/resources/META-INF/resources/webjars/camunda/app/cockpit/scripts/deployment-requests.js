// Cockpit custom script (config.js customScripts): "Requests" in Cockpit's header opens our
// requests page with the same sign-in, and the footer names the browser's zone as Tasklist does.
import {pageLink, watchFooterZone} from '../../tasklist/scripts/drp-header.js';

export default {
  id: 'drp-requests-link',
  pluginPoint: 'cockpit.navigation',
  priority: 0,
  render: node => {
    node.appendChild(pageLink('requests.html', 'Requests', 'Where every deployment request stands'));
    watchFooterZone();
  }
};
