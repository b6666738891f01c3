// The mailbox page: lists /api/mailbox, newest first, and shows one mail at a time (its HTML in a sandboxed frame).
let mails = [];
let selected = null;

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) element.className = className;
  return element;
}

function show(mail) {
  selected = mail.messageId;
  document.querySelectorAll('#list li').forEach(li => li.classList.toggle('selected', li.dataset.id === selected));
  const detail = document.getElementById('detail');
  detail.replaceChildren();
  detail.appendChild(text('h2', mail.subject));
  const fields = document.createElement('dl');
  [['From', mail.from], ['To', mail.to.join(', ')], ['Cc', mail.cc.join(', ')], ['Sent', new Date(mail.sentAt).toLocaleString()],
   ['Message-ID', mail.messageId], ['References', mail.references || '']].forEach(([label, value]) => {
    fields.appendChild(text('dt', label));
    fields.appendChild(text('dd', value));
  });
  detail.appendChild(fields);
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', '');
  frame.srcdoc = mail.html || ('<pre>' + mail.text.replace(/[&<>]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;'}[c])) + '</pre>');
  detail.appendChild(frame);
}

async function load() {
  const response = await fetch('api/mailbox', {headers: {Accept: 'application/json'}});
  mails = await response.json();
  const list = document.getElementById('list');
  list.replaceChildren();
  if (mails.length === 0) {
    list.appendChild(text('li', 'No mail yet. Start a deployment request in Tasklist.', 'empty'));
    return;
  }
  mails.forEach(mail => {
    const item = document.createElement('li');
    item.dataset.id = mail.messageId;
    item.appendChild(text('div', mail.subject, 'subject'));
    item.appendChild(text('div', 'To ' + mail.to.join(', ') + ' - ' + new Date(mail.sentAt).toLocaleString(), 'meta'));
    item.addEventListener('click', () => show(mail));
    list.appendChild(item);
  });
  const current = mails.find(mail => mail.messageId === selected);
  if (current) show(current);
}

load();
setInterval(load, 10000);
