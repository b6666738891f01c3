// The demo's Slack page: /api/demo/slack/messages (DevSecOps, QA and admins), one box a channel,
// each thread's first message with its replies below it. Slack's mrkdwn is shown as text: *bold*
// loses its stars, <url|label> becomes a link only for http(s) addresses, entities are decoded.
'use strict';

(() => {
  const {element, link, getJson, showProblem, clearProblem, dateTime, zone, me} = Pages;
  const REFRESH_MS = 10000;
  const problem = document.getElementById('problem');
  const channels = document.getElementById('channels');
  let shown = '';
  let loads = 0;

  function decode(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  /** Slack mrkdwn as nodes: text, and links for <http(s)://...|label>. */
  function mrkdwn(text) {
    const nodes = [];
    const pattern = /<(https?:\/\/[^|>]+)\|([^>]*)>/g;
    let at = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      nodes.push(document.createTextNode(decode(text.slice(at, match.index).replace(/\*/g, ''))));
      nodes.push(link(decode(match[1]), decode(match[2])));
      at = pattern.lastIndex;
    }
    nodes.push(document.createTextNode(decode(text.slice(at).replace(/\*/g, ''))));
    return nodes;
  }

  function message(m) {
    const box = element('div', null, 'message');
    box.dataset.ts = m.ts;
    box.appendChild(element('div', dateTime(m.postedAt) + ' · ts ' + m.ts + (m.thread_ts ? ' · in thread ' + m.thread_ts : ''), 'meta'));
    const blocks = m.blocks || [];
    if (!blocks.length) {
      box.appendChild(element('div', decode(m.text || ''), 'headline'));
    }
    let first = true;
    blocks.forEach(block => {
      if (block.type === 'section' && block.text) {
        const p = element('div', null, first ? 'headline' : 'detail');
        p.replaceChildren(...mrkdwn(block.text.text || ''));
        box.appendChild(p);
        first = false;
      } else if (block.type === 'section' && block.fields) {
        const dl = element('dl');
        block.fields.forEach(field => {
          const [label, ...value] = (field.text || '').split('\n');
          dl.appendChild(element('dt', decode(label.replace(/\*/g, ''))));
          dl.appendChild(element('dd', decode(value.join(' '))));
        });
        box.appendChild(dl);
      } else if (block.type === 'actions') {
        const actions = element('div', null, 'actions');
        (block.elements || []).filter(b => /^https?:\/\//.test(b.url || '')).forEach(button => {
          actions.appendChild(link(button.url, button.text ? button.text.text : button.url, button.style === 'primary' ? 'primary' : ''));
        });
        box.appendChild(actions);
      }
    });
    return box;
  }

  function thread(t) {
    const box = element('div', null, 'thread');
    if (t.kept) {
      box.appendChild(message(t));
    } else {
      box.appendChild(element('div', 'Thread ' + t.ts + ': its first message was posted before this node last started.', 'note'));
    }
    if (t.replies.length) {
      const replies = element('div', null, 'replies');
      t.replies.forEach(r => replies.appendChild(message(r)));
      box.appendChild(replies);
    }
    return box;
  }

  async function load() {
    let answer;
    try {
      answer = await getJson('api/demo/slack/messages');
    } catch (refused) {
      showProblem(problem, refused);
      if (channels.querySelector('p.empty')) {
        channels.replaceChildren(element('p', 'No messages to show.', 'empty'));
      }
      return;
    }
    clearProblem(problem);
    document.body.dataset.loads = String(++loads);
    const fingerprint = JSON.stringify(answer.channels.map(c => [c.id, c.messages.map(t => [t.ts, t.replies.length])]));
    if (fingerprint === shown) return;
    shown = fingerprint;
    if (!answer.channels.length) {
      channels.replaceChildren(element('p', 'Nothing posted yet. Start a deployment request in Tasklist: its thread appears here.', 'empty'));
      return;
    }
    channels.replaceChildren(...answer.channels.map(c => {
      const section = element('section', null, 'channel');
      const h2 = element('h2', c.name);
      h2.appendChild(element('span', c.id, 'id'));
      section.appendChild(h2);
      c.messages.forEach(t => section.appendChild(thread(t)));
      return section;
    }));
  }

  async function start() {
    try {
      await me(document.getElementById('who'));
      document.getElementById('scope').textContent = 'What the app posted to the demo\'s Slack (chat.postMessage) in this run,'
        + ' per channel, one thread a request (kept in memory until the app stops). Times in ' + zone() + '. Refreshes every 10 seconds.';
    } catch (refused) {
      showProblem(problem, refused);
      channels.replaceChildren(element('p', 'No messages to show.', 'empty'));
      return;
    }
    await load();
    setInterval(load, REFRESH_MS);
  }

  start();
})();
