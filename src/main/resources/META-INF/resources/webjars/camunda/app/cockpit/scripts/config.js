// Our product's Cockpit (docs.camunda.org: webapps/cockpit/configuration). This file replaces the
// webjar's own app/cockpit/scripts/config.js: the app's resources come first on the class path.
export default {
  app: {
    name: 'Cockpit · Deployment Requests',
    vendor: 'Bonton Softwares'
  },
  // relative to app/cockpit/: our pages' links, the footer's zone by its current name
  customScripts: ['scripts/deployment-requests'],
  // moment.js formats; every date with its UTC offset (dates are shown in the browser's zone)
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm [UTC]Z',
    long: 'dddd, YYYY-MM-DD HH:mm [UTC]Z',
    abbr: 'YYYY-MM-DD HH:mm'
  }
};
