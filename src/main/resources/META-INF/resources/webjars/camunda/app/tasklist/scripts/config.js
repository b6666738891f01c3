// Our product's Tasklist (docs.camunda.org: webapps/tasklist/configuration). This file replaces the
// webjar's own app/tasklist/scripts/config.js: the app's resources come first on the class path.
export default {
  // the header and the browser tab say "Bonton Softwares Deployment Requests"
  app: {
    name: 'Deployment Requests',
    vendor: 'Bonton Softwares'
  },
  // moment.js formats; every date with its UTC offset (dates are shown in the browser's zone,
  // which the footer names)
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm [UTC]Z',
    long: 'dddd, YYYY-MM-DD HH:mm [UTC]Z',
    abbr: 'YYYY-MM-DD HH:mm'
  },
  // relative to app/tasklist/: the "Requests" link in the header, "Create task" only for those who
  // may create tasks, the footer's zone by its current name
  customScripts: ['scripts/deployment-requests'],
  // Camunda's defaults, kept
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
