// The requests page: the requests the signed-in person may read (GET /api/deployment-requests),
// and with ?request=<number> one request with its open tasks and timeline.
'use strict';

(() => {
  const {element, link, getJson, showProblem, clearProblem, timeCell, windowText, zoneNote, me} = Pages;
  const REFRESH_MS = 15000;
  const FINAL = ['DEPLOYED', 'ROLLED_BACK', 'REJECTED', 'WITHDRAWN', 'CANCELLED'];
  const BROAD_GROUPS = ['devsecops', 'qa', 'camunda-admin'];
  const problem = document.getElementById('problem');
  const params = new URLSearchParams(location.search);
  const number = params.get('request');
  let view = params.get('view');

  function label(state) {
    const words = state.toLowerCase().replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function stateBadge(request) {
    const badge = element('span', label(request.state), 'state ' + request.state + (FINAL.includes(request.state) ? ' final' : ''));
    badge.title = request.stateDescription;
    return badge;
  }

  /** Who holds a task: its assignee, else its candidate groups. */
  function holder(task) {
    if (task.assignee) return task.assigneeName || task.assignee;
    if (task.candidateGroupNames && task.candidateGroupNames.length) return 'Group ' + task.candidateGroupNames.join(', ') + ' (unclaimed)';
    return '';
  }

  function waitsAt(request) {
    if (FINAL.includes(request.state)) return '';
    if (request.openTasks.length) return request.openTasks.map(task => task.name).join(', ');
    // no open task: an automatic step or the window's timer
    return request.stateDescription.charAt(0).toUpperCase() + request.stateDescription.slice(1);
  }

  function confirmedOrPreferred(request) {
    if (request.confirmedWindow) return windowText(request.confirmedWindow);
    if (request.preferredWindow) return windowText(request.preferredWindow) + ' (preferred)';
    return '';
  }

  function earliestDue(request) {
    const due = request.openTasks.map(task => task.due).filter(Boolean).sort();
    return due.length ? due[0] : null;
  }

  function recordLink(request) {
    const cell = element('td');
    if (request.links.recordPdf) cell.appendChild(link(request.links.recordPdf.replace(/^\//, ''), 'PDF', 'record-pdf'));
    return cell;
  }

  function row(request) {
    const tr = element('tr');
    tr.dataset.request = request.requestNumber;
    const numberCell = element('td', null, 'number');
    numberCell.appendChild(link('requests.html?request=' + encodeURIComponent(request.requestNumber), request.requestNumber));
    tr.appendChild(numberCell);
    tr.appendChild(element('td', request.projectName));
    tr.appendChild(element('td', request.environment));
    tr.appendChild(element('td', request.version));
    const state = element('td', null, 'state-cell');
    state.appendChild(stateBadge(request));
    tr.appendChild(state);
    tr.appendChild(element('td', waitsAt(request), 'waits-at'));
    tr.appendChild(element('td', request.openTasks.map(holder).join('; '), 'held-by'));
    tr.appendChild(timeCell('td', earliestDue(request)));
    tr.appendChild(element('td', confirmedOrPreferred(request), 'window'));
    tr.appendChild(element('td', request.changeTicket ? request.changeTicket.number + ' (' + label(request.changeTicket.status) + ')' : ''));
    tr.appendChild(element('td', FINAL.includes(request.state) ? label(request.state) : '', 'outcome'));
    tr.appendChild(recordLink(request));
    return tr;
  }

  function chooseView(next) {
    view = next;
    document.querySelectorAll('.views button').forEach(b => b.classList.toggle('active', b.dataset.view === view));
    const url = new URL(location.href);
    url.searchParams.set('view', view);
    history.replaceState(null, '', url);
    loadList();
  }

  let latestList = 0;

  async function loadList() {
    const query = {mine: 'mine=true', team: 'team=true', all: ''}[view] || '';
    const tbody = document.querySelector('#requests tbody');
    // a slow answer for an earlier view or refresh must not replace a newer one
    const call = ++latestList;
    try {
      const requests = await getJson('api/deployment-requests?maxResults=100' + (query ? '&' + query : ''));
      if (call !== latestList) return;
      clearProblem(problem);
      document.getElementById('list-note').textContent =
        requests.length + ' request' + (requests.length === 1 ? '' : 's') + ', newest first. ' + zoneNote() + ' Refreshes every 15 seconds.';
      const rows = requests.map(row);
      if (rows.length === 0) {
        const empty = element('td', {mine: 'You have started no deployment request yet: start one in Tasklist (Start process).',
          team: 'No request waits for one of your groups.', all: 'No deployment request that you may see.'}[view], 'empty');
        empty.colSpan = 12;
        const tr = element('tr');
        tr.appendChild(empty);
        rows.push(tr);
      }
      // only the rows change: the page keeps its scroll position
      tbody.replaceChildren(...rows);
    } catch (refused) {
      if (call !== latestList) return;
      tbody.replaceChildren();
      showProblem(problem, refused);
    }
  }

  function field(dl, name, value) {
    if (value === null || value === undefined || value === '') return;
    dl.appendChild(element('dt', name));
    const dd = element('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dd);
  }

  function tasklistLink(request, task) {
    return link('camunda/app/tasklist/default/#/?task=' + encodeURIComponent(task.id), 'Open in Tasklist');
  }

  async function loadOne() {
    const detail = document.getElementById('detail');
    try {
      const request = await getJson('api/deployment-requests/' + encodeURIComponent(number));
      clearProblem(problem);
      const parts = [];
      parts.push(element('h2', request.requestNumber + ' · ' + request.projectName + ' ' + request.version + ' to ' + request.environment));
      const dl = element('dl');
      const state = element('span');
      state.appendChild(stateBadge(request));
      state.appendChild(document.createTextNode(' ' + request.stateDescription));
      field(dl, 'State', state);
      field(dl, 'Waits at', waitsAt(request));
      field(dl, 'Application', request.applicationName);
      field(dl, 'Requester', request.requester.name ? request.requester.name + ' (' + request.requester.id + ')' : request.requester.id);
      field(dl, 'Submitted', timeCell('span', request.submittedAt));
      field(dl, 'Preferred window', windowText(request.preferredWindow));
      field(dl, 'Confirmed window', windowText(request.confirmedWindow));
      field(dl, 'Change ticket', request.changeTicket ? request.changeTicket.number + ' (' + label(request.changeTicket.status) + ')' : '');
      field(dl, 'Commit', request.commitSha);
      field(dl, 'Artifact', request.artifactDigest);
      field(dl, 'Pipeline run', request.pipelineRunUrl);
      field(dl, 'Ended', request.endedAt ? timeCell('span', request.endedAt) : '');
      if (FINAL.includes(request.state)) field(dl, 'Outcome', label(request.state));
      if (request.links.recordPdf) {
        const files = element('span');
        files.appendChild(link(request.links.recordPdf.replace(/^\//, ''), 'PDF', 'record-pdf'));
        files.appendChild(document.createTextNode(' · '));
        files.appendChild(link(request.links.record.replace(/^\//, '') + '/json', 'JSON'));
        field(dl, 'Deployment record', files);
      }
      parts.push(dl);
      parts.push(element('p', zoneNote(), 'note'));

      parts.push(element('h3', 'Open tasks'));
      if (request.openTasks.length === 0) {
        parts.push(element('p', FINAL.includes(request.state) ? 'None: the request has ended.' : 'None: ' + request.stateDescription + '.', 'subtle open-tasks-none'));
      } else {
        const table = element('table', null, 'open-tasks');
        const head = element('tr');
        ['Step', 'Held by', 'Since', 'Due', ''].forEach(h => head.appendChild(element('th', h)));
        table.appendChild(head);
        request.openTasks.forEach(task => {
          const tr = element('tr');
          tr.appendChild(element('td', task.name));
          tr.appendChild(element('td', holder(task), 'held-by'));
          tr.appendChild(timeCell('td', task.created));
          tr.appendChild(timeCell('td', task.due));
          const open = element('td');
          open.appendChild(tasklistLink(request, task));
          tr.appendChild(open);
          table.appendChild(tr);
        });
        parts.push(table);
      }

      parts.push(element('h3', 'Timeline'));
      const timeline = element('ol', null, 'timeline');
      request.timeline.forEach(step => {
        const li = element('li');
        li.appendChild(timeCell('span', step.at)).className = 'at';
        li.appendChild(document.createTextNode(step.step + (step.by ? ' — ' + (step.byName || step.by) : '')));
        timeline.appendChild(li);
      });
      parts.push(timeline);
      detail.replaceChildren(...parts);
      detail.hidden = false;
      document.title = request.requestNumber + ' - Deployment Requests';
    } catch (refused) {
      detail.hidden = true;
      showProblem(problem, refused);
    }
  }

  async function start() {
    let who;
    try {
      who = await me(document.getElementById('who'));
    } catch (refused) {
      showProblem(problem, refused);
      return;
    }
    if (number) {
      await loadOne();
      setInterval(loadOne, REFRESH_MS);
      return;
    }
    document.getElementById('list-view').hidden = false;
    document.querySelectorAll('.views button').forEach(b => b.addEventListener('click', () => chooseView(b.dataset.view)));
    const broad = who.groups.some(group => BROAD_GROUPS.includes(group.id));
    chooseView(['mine', 'team', 'all'].includes(view) ? view : (broad ? 'all' : 'mine'));
    setInterval(loadList, REFRESH_MS);
  }

  start();
})();
