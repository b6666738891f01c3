// The mailbox page: lists /api/mailbox (every mail for DevSecOps and admins, one's own mails for
// anyone else), newest first, and shows one mail at a time (its HTML in a sandboxed frame) with its
// attachments. A refresh changes only what changed, so the list and the open mail keep their place.
'use strict';

(() => {
  const {element, link, getJson, showProblem, clearProblem, dateTime, zone, me} = Pages;
  const REFRESH_MS = 10000;
  const problem = document.getElementById('problem');
  const list = document.getElementById('list');
  const detail = document.getElementById('detail');
  let shown = '';
  let selected = null;
  let loads = 0;

  function size(bytes) {
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + ' KB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function show(mail) {
    selected = mail.id;
    list.querySelectorAll('li').forEach(li => li.classList.toggle('selected', li.dataset.id === selected));
    const parts = [element('h2', mail.subject)];
    const fields = element('dl');
    [['From', mail.from], ['To', mail.to.join(', ')], ['Cc', mail.cc.join(', ')], ['Sent', dateTime(mail.sentAt) + ' ' + zone()],
     ['Message-ID', mail.messageId], ['References', mail.references || '']].forEach(([label, value]) => {
      fields.appendChild(element('dt', label));
      fields.appendChild(element('dd', value));
    });
    if (mail.attachments.length) {
      fields.appendChild(element('dt', 'Attachments'));
      const dd = element('dd');
      const ul = element('ul', null, 'attachments');
      mail.attachments.forEach(attachment => {
        const li = element('li');
        const a = link(attachment.url, attachment.name, 'attachment');
        a.setAttribute('download', attachment.name);
        li.appendChild(a);
        li.appendChild(document.createTextNode(' (' + attachment.contentType + ', ' + size(attachment.size) + ')'));
        ul.appendChild(li);
      });
      dd.appendChild(ul);
      fields.appendChild(dd);
    }
    parts.push(fields);
    const frame = element('iframe');
    frame.setAttribute('sandbox', '');
    frame.srcdoc = mail.html || ('<pre>' + mail.text.replace(/[&<>]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;'}[c])) + '</pre>');
    parts.push(frame);
    detail.replaceChildren(...parts);
  }

  function item(mail) {
    const li = element('li');
    li.dataset.id = mail.id;
    li.appendChild(element('div', mail.subject, 'subject'));
    li.appendChild(element('div', 'To ' + mail.to.join(', ') + ' - ' + dateTime(mail.sentAt), 'meta'));
    if (mail.attachments.length) {
      li.appendChild(element('div', '📎 ' + mail.attachments.map(a => a.name).join(', '), 'clip'));
    }
    li.classList.toggle('selected', mail.id === selected);
    li.addEventListener('click', () => show(mail));
    return li;
  }

  async function load() {
    let mails;
    try {
      mails = await getJson('api/mailbox');
    } catch (refused) {
      showProblem(problem, refused);
      if (list.querySelector('li.empty')) {
        list.replaceChildren(element('li', 'No mail to show.', 'empty'));
      }
      return;
    }
    clearProblem(problem);
    // how many answers the page has had (tests wait for a refresh on it)
    document.body.dataset.loads = String(++loads);
    // nothing new: leave the page exactly as it is (scroll, selection, the open mail's frame)
    const fingerprint = mails.map(mail => mail.id).join(',');
    if (fingerprint === shown) return;
    shown = fingerprint;
    const scroll = list.scrollTop;
    if (mails.length === 0) {
      list.replaceChildren(element('li', 'No mail to you yet. Start a deployment request in Tasklist.', 'empty'));
      return;
    }
    list.replaceChildren(...mails.map(item));
    list.scrollTop = scroll;
    const current = mails.find(mail => mail.id === selected);
    if (selected && !current) {
      detail.replaceChildren(element('p', 'Select a mail.', 'empty'));
      selected = null;
    }
  }

  async function start() {
    try {
      const who = await me(document.getElementById('who'));
      const all = who.groups.some(group => group.id === 'devsecops' || group.id === 'camunda-admin');
      document.getElementById('scope').textContent = (all
        ? 'Every mail the process sent in this run'
        : 'The mails sent to you (' + (who.email || 'no email address') + ') in this run')
        + ' (kept in memory until the app stops). Times in ' + zone() + '. Refreshes every 10 seconds.';
    } catch (refused) {
      showProblem(problem, refused);
      list.replaceChildren(element('li', 'No mail to show.', 'empty'));
      return;
    }
    await load();
    setInterval(load, REFRESH_MS);
  }

  start();
})();
