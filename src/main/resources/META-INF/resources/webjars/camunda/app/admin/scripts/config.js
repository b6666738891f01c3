// Our product's Admin (docs.camunda.org: webapps/admin/configuration). This file replaces the
// webjar's own app/admin/scripts/config.js: the app's resources come first on the class path.
export default {
  app: {
    name: 'Admin · Deployment Requests',
    vendor: 'Bonton Softwares'
  },
  // relative to app/admin/: our pages' links, the footer's zone by its current name
  customScripts: ['scripts/deployment-requests'],
  // moment.js formats; every date with its UTC offset (dates are shown in the browser's zone)
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm [UTC]Z',
    long: 'dddd, YYYY-MM-DD HH:mm [UTC]Z',
    abbr: 'YYYY-MM-DD HH:mm'
  }
};
