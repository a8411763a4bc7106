// The live lab's page: it draws the run from the server's events, each a fact of the run (a row
// the function emitted, a checkpoint and what its files hold, a failure, the restore, a commit).
'use strict';

let strings = {};
let language = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
let all = {};

function t(key, values) {
  let text = (strings[key] !== undefined) ? strings[key] : key;
  Object.entries(values || {}).forEach(([name, value]) => { text = text.split('{' + name + '}').join(String(value)); });
  return text;
}

function translate() {
  strings = all[language];
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(element => { element.textContent = t(element.dataset.i18n); });
  document.querySelectorAll('[data-i18n-key]').forEach(element => {
    element.textContent = t(element.dataset.i18nKey, JSON.parse(element.dataset.i18nValues || '{}'));
  });
  const status = document.getElementById('status');
  document.getElementById('status-text').textContent = t(status.dataset.state);
}

/** An element whose text follows the language: its key and values are kept on it. */
function said(tag, key, values) {
  const element = document.createElement(tag);
  element.dataset.i18nKey = key;
  element.dataset.i18nValues = JSON.stringify(values || {});
  element.textContent = t(key, values);
  return element;
}

function describe(sums) {
  if (!sums) { return '?'; }
  return Object.entries(sums).map(([key, sum]) => key + ' → ' + sum).join(', ');
}

function lane(attempt) {
  let lane = document.querySelector('.lane[data-attempt="' + attempt + '"]');
  if (!lane) {
    lane = document.createElement('div');
    lane.className = 'lane';
    lane.dataset.attempt = attempt;
    const label = said('span', 'attempt', { n: attempt });
    label.className = 'lane-label';
    lane.appendChild(label);
    document.getElementById('lanes').appendChild(lane);
  }
  return lane;
}

function rowOf(event) {
  return document.querySelector('.row[data-attempt="' + event.attempt + '"][data-v="' + event.v + '"][data-key="' + event.key + '"]');
}

function log(key, values) {
  document.getElementById('log').appendChild(said('li', key, values));
}

function setStatus(state) {
  const status = document.getElementById('status');
  status.dataset.state = state;
  document.getElementById('status-text').textContent = t(state);
  document.getElementById('start').disabled = state === 'STARTING' || state === 'RUNNING';
  document.getElementById('fail-now').disabled = state !== 'RUNNING';
}

const handlers = {
  status(event) {
    if (event.state === 'STARTING') {
      ['checkpoints', 'lanes', 'failures', 'log'].forEach(id => { document.getElementById(id).innerHTML = ''; });
      document.getElementById('restore').hidden = true;
      document.getElementById('verdict-section').hidden = true;
    }
    if (event.state === 'RUNNING') { log('log.started', { jobId: event.jobId }); }
    if (event.state === 'ENDED') { log('log.ended'); }
    setStatus(event.state);
  },
  row(event) {
    if (rowOf(event)) { return; }
    const row = document.createElement('span');
    row.className = 'row';
    Object.assign(row.dataset, { kind: 'row', v: event.v, attempt: event.attempt, key: event.key, runningSum: event.runningSum, state: 'printed' });
    row.title = event.key + ': v=' + event.v + ', running_sum=' + event.runningSum;
    row.textContent = event.v + ' → ' + event.runningSum;
    lane(event.attempt).appendChild(row);
  },
  commit(event) {
    handlers.row(event);
    rowOf(event).dataset.state = 'committed';
  },
  checkpoint(event) {
    // The label and the content in spans of their own: a change of language rewrites the label only.
    const item = document.createElement('li');
    Object.assign(item.dataset, { kind: 'checkpoint', id: event.id });
    item.appendChild(said('span', 'checkpoint', { id: event.id }));
    item.appendChild(document.createTextNode(': '));
    const state = said('span', 'reading');
    state.className = 'held';
    item.appendChild(state);
    document.getElementById('checkpoints').appendChild(item);
    log('log.checkpoint', { id: event.id });
  },
  checkpointState(event) {
    const item = document.querySelector('[data-kind=checkpoint][data-id="' + event.id + '"]');
    if (!item) { return; }
    item.dataset.held = describe(event.sums);
    const held = item.querySelector('.held');
    delete held.dataset.i18nKey;
    held.textContent = event.sums ? describe(event.sums) : (event.error || '?');
  },
  failure(event) {
    document.getElementById('failures').appendChild(said('div', 'failure', { cause: event.cause }));
  },
  restore(event) {
    const restore = document.getElementById('restore');
    restore.hidden = false;
    Object.assign(restore.dataset, { kind: 'restore', checkpointId: event.id, held: describe(event.sums) });
    restore.dataset.i18nKey = 'restore';
    restore.dataset.i18nValues = JSON.stringify({ id: event.id, sums: describe(event.sums) });
    restore.textContent = t('restore', { id: event.id, sums: describe(event.sums) });
    // Rows printed before the restore that no checkpoint covered are thrown away.
    document.querySelectorAll('.row[data-state=printed]').forEach(row => { row.dataset.state = 'thrown-away'; });
    log('log.restore', { id: event.id });
  },
  verdict(event) {
    document.getElementById('verdict-section').hidden = false;
    const verdict = document.getElementById('verdict');
    verdict.dataset.verdict = event.outcome;
    verdict.textContent = event.line;
    document.getElementById('timeline-link').href = event.timeline;
    document.getElementById('webui-link').href = event.webUi;
    document.querySelectorAll('.row[data-state=printed]').forEach(row => { row.dataset.state = 'thrown-away'; });
  },
  log(event) { log('log.' + event.key); },
  error(event) { log('log.error', { message: event.message }); }
};

async function post(path) {
  const answer = await fetch(path, { method: 'POST' });
  if (!answer.ok) { log('log.error', { message: await answer.text() }); }
}

async function main() {
  all = await (await fetch('/i18n.json')).json();
  translate();
  document.getElementById('language').addEventListener('click', () => { language = language === 'zh' ? 'en' : 'zh'; translate(); });
  document.getElementById('start').addEventListener('click', () => post('/api/start'));
  document.getElementById('fail-now').addEventListener('click', () => post('/api/fail-now'));
  const source = new EventSource('/events');
  source.onmessage = message => {
    const event = JSON.parse(message.data);
    (handlers[event.type] || (() => {}))(event);
  };
  document.body.dataset.ready = 'true';
}

main();
