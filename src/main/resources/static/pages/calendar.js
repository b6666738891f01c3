// The change calendar: month and week views of the deployments' windows (GET /api/calendar) per
// environment, each linking to its request's page. calendar.html?date=2026-12-03&view=week&environment=production
// opens a given week; the page keeps the address up to date as one pages through it.
'use strict';

(() => {
  const {element, getJson, showProblem, clearProblem, zoneNote, me} = Pages;
  const REFRESH_MS = 60000;
  const VIEWS = {month: 'dayGridMonth', week: 'timeGridWeek'};
  const WEEK_HEIGHT = 760;
  const problem = document.getElementById('problem');
  const select = document.getElementById('environment');
  const params = new URLSearchParams(location.search);

  function viewName(fullCalendarView) {
    return Object.keys(VIEWS).find(key => VIEWS[key] === fullCalendarView) || 'month';
  }

  /** "2026-12-03", the browser's local day of a Date. */
  function day(date) {
    return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0') + '-' + String(date.getDate()).padStart(2, '0');
  }

  function remember(calendar) {
    const url = new URL(location.href);
    url.searchParams.set('date', day(calendar.getDate()));
    url.searchParams.set('view', viewName(calendar.view.type));
    if (select.value) url.searchParams.set('environment', select.value); else url.searchParams.delete('environment');
    history.replaceState(null, '', url);
    subscribeNote();
  }

  function subscribeNote() {
    const feed = new URL('api/calendar.ics', location.href);
    if (select.value) feed.searchParams.set('environment', select.value);
    const box = document.getElementById('subscribe');
    box.replaceChildren();
    box.appendChild(document.createTextNode('Subscribe in Outlook or Google Calendar: '));
    box.appendChild(element('code', feed.toString() + (select.value ? '&' : '?') + 'token=<your token>', 'feed-url'));
    box.appendChild(document.createTextNode(' — a personal access token of scope CALENDAR_FEED (POST /api/tokens, see the README\'s "Change calendar"): it reads this feed and nothing else; shown to the calendar, never to anyone else.'));
  }

  function toEvent(entry) {
    const event = {
      id: entry.id,
      title: entry.title,
      start: entry.start,
      end: entry.end,
      classNames: ['kind-' + entry.kind].concat(entry.busy ? ['busy'] : []),
      extendedProps: {entry},
    };
    // a busy block links nowhere
    if (entry.link) event.url = entry.link.replace(/^\//, '');
    return event;
  }

  function describe(info) {
    const entry = info.event.extendedProps.entry;
    info.el.dataset.entry = entry.id;
    info.el.dataset.kind = entry.kind;
    info.el.title = entry.title + ' (' + entry.status + ')\n' + (entry.description || '');
  }

  let calendar;
  let scrolledFor = null;

  /** A week opens at its first window (once per week shown: a refresh leaves the scroll alone). */
  function scrollToFirst(info, entries) {
    if (!calendar || calendar.view.type !== VIEWS.week || scrolledFor === info.startStr) return;
    scrolledFor = info.startStr;
    const starts = entries.map(entry => new Date(entry.start)).filter(start => start >= info.start);
    const hours = starts.length ? Math.min(...starts.map(start => start.getHours())) : 8;
    calendar.scrollToTime({hours: Math.max(0, hours - 1)});
  }

  async function load(info, success, failure) {
    const query = new URLSearchParams({from: info.start.toISOString(), to: info.end.toISOString()});
    if (select.value) query.set('environment', select.value);
    try {
      const entries = await getJson('api/calendar?' + query);
      clearProblem(problem);
      const shown = entries.length;
      document.getElementById('calendar-note').textContent =
          shown + ' entr' + (shown === 1 ? 'y' : 'ies') + ' in this view. ' + zoneNote() + ' Refreshes every minute.';
      document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
      success(entries.map(toEvent));
      scrollToFirst(info, entries);
    } catch (refused) {
      showProblem(problem, refused);
      failure(refused);
    }
  }

  function calendarAt(container) {
    const view = VIEWS[params.get('view')] || VIEWS.month;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') || '') ? params.get('date') : undefined;
    const hours = {hour: '2-digit', minute: '2-digit', hour12: false};
    calendar = new FullCalendar.Calendar(container, {
      initialView: view,
      initialDate: date,
      timeZone: 'local',
      firstDay: 1,
      // the month whole; a week's 24 hours in a window of their own, opened at its first deployment
      height: view === VIEWS.week ? WEEK_HEIGHT : 'auto',
      headerToolbar: {left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek'},
      // FullCalendar's arrows are an icon font in a data: URL, which the pages' content security policy refuses
      buttonIcons: false,
      buttonText: {prev: '‹', next: '›', today: 'Today', month: 'Month', week: 'Week'},
      buttonHints: {prev: 'Previous $0', next: 'Next $0'},
      views: {timeGridWeek: {dayHeaderFormat: {weekday: 'short', day: 'numeric', month: 'short'}}},
      slotDuration: '01:00:00',
      slotLabelFormat: hours,
      eventTimeFormat: hours,
      allDaySlot: false,
      nowIndicator: true,
      eventDisplay: 'block',
      dayMaxEvents: 6,
      events: load,
      eventDidMount: describe,
      datesSet: () => remember(calendar),
      viewDidMount: ({view}) => calendar.setOption('height', view.type === VIEWS.week ? WEEK_HEIGHT : 'auto'),
    });
    calendar.render();
    return calendar;
  }

  async function start() {
    try {
      await me(document.getElementById('who'));
    } catch (refused) {
      showProblem(problem, refused);
      return;
    }
    const environment = params.get('environment');
    if ([...select.options].some(option => option.value === environment)) select.value = environment;
    document.getElementById('calendar-view').hidden = false;
    calendarAt(document.getElementById('calendar'));
    select.addEventListener('change', () => {
      remember(calendar);
      calendar.refetchEvents();
    });
    setInterval(() => calendar.refetchEvents(), REFRESH_MS);
  }

  start();
})();
