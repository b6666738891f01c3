// Our product's Cockpit (docs.camunda.org: webapps/cockpit/configuration). This file replaces the
// webjar's own app/cockpit/scripts/config.js: the app's resources come first on the class path.
export default {
  app: {
    name: 'Cockpit · Deployment Requests',
    vendor: 'Bonton Softwares'
  },
  // moment.js formats; every date with its UTC offset (dates are shown in the browser's zone)
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm [UTC]Z',
    long: 'dddd, YYYY-MM-DD HH:mm [UTC]Z',
    abbr: 'YYYY-MM-DD HH:mm'
  }
};
