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

/** The row drawn for {@code event}: the same processing (time, value, key) whichever lane it is on now. */
function rowOf(event) {
  const same = '[data-v="' + CSS.escape(String(event.v)) + '"][data-key="' + CSS.escape(String(event.key)) + '"]';
  return event.processedAt != null
    ? document.querySelector('.row' + same + '[data-processed-at="' + event.processedAt + '"]')
    : document.querySelector('.row' + same + '[data-attempt="' + laneOf(event) + '"]');
}

/**
 * The lane of a row: the attempt Flink gave it, counted on after a JobManager failover, where the
 * new leader numbers its attempts from 0 again. Rows processed after that restore belong to it.
 */
function laneOf(event) {
  const since = lab.leaders.filter(leader => event.processedAt != null && event.processedAt >= leader.from);
  return event.attempt + (since.length ? since[since.length - 1].offset : 0);
}

/** A new leader restored the job at {@code from}: its rows (some drawn already) go on lanes of their own. */
function newLeader(from) {
  const rows = Array.from(document.querySelectorAll('.row'));
  const before = rows.filter(row => Number(row.dataset.processedAt) < from).map(row => Number(row.dataset.attempt));
  lab.leaders.push({ from: from, offset: Math.max(-1, ...before) + 1 });
  rows.filter(row => Number(row.dataset.processedAt) >= from).forEach(row => {
    row.remove();
    const attempt = laneOf({ attempt: Number(row.dataset.flinkAttempt), processedAt: Number(row.dataset.processedAt) });
    row.dataset.attempt = attempt;
    lane(attempt).appendChild(row);
  });
  document.querySelectorAll('.lane').forEach(lane => { if (!lane.querySelector('.row')) { lane.remove(); } });
}

function log(key, values) {
  document.getElementById('log').appendChild(said('li', key, values));
}

/** What the page knows of the lab: whether a job runs, has a checkpoint, or left something to resume from. */
const lab = { state: 'IDLE', checkpointed: false, resumable: false, remote: false, highlyAvailable: false, prediction: null, leaders: [] };

function setStatus(state) {
  lab.state = state;
  const status = document.getElementById('status');
  status.dataset.state = state;
  document.getElementById('status-text').textContent = t(state);
  enableButtons();
}

/** Each button acts only where it can: a disabled one says so before it is pressed. */
function enableButtons() {
  const running = lab.state === 'RUNNING';
  const busy = running || lab.state === 'STARTING';
  document.getElementById('start').disabled = busy;
  document.getElementById('fail-now').disabled = !running;
  document.getElementById('cancel-keep-checkpoint').disabled = !running || !lab.checkpointed;
  document.getElementById('savepoint-and-stop').disabled = !running;
  document.getElementById('resume').disabled = busy || !lab.resumable;
  document.getElementById('kill-taskmanager').disabled = !running || !lab.remote;
  document.getElementById('kill-jobmanager').disabled = !running || !lab.highlyAvailable;
}

/** The next job's settings, from the fields the learner filled (empty: as the script says). */
function nextRun() {
  const number = id => { const value = document.getElementById(id).value; return value === '' ? null : Number(value); };
  return { rowsPerSecond: number('rows-per-second'), checkpointIntervalMillis: number('checkpoint-interval'), parallelism: number('parallelism') };
}

/** What the next job runs with, in the reader's words (fixed when the job starts, as the log line is). */
function settingsOf(event) {
  const parts = [];
  if (event.rowsPerSecond != null) { parts.push(t('settings.pace', { rows: event.rowsPerSecond, millis: event.paceMillis })); }
  if (event.intervalMillis != null) { parts.push(t('settings.interval', { millis: event.intervalMillis })); }
  if (event.parallelism != null) { parts.push(t('settings.parallelism', { n: event.parallelism })); }
  return parts.length ? parts.join(', ') : t('settings.asWritten');
}

/** The one key's sum, or the sum over all keys: what a guess is compared with. */
function total(sums) {
  return sums ? Object.values(sums).reduce((a, b) => a + b, 0) : null;
}

function checkpointItem(id) {
  return document.querySelector('[data-kind=checkpoint][data-id="' + id + '"]');
}

/** Lists checkpoint {@code event.id} (a savepoint if {@code event.savepoint}) once, its content to come. */
function listCheckpoint(event) {
  if (checkpointItem(event.id)) { return; }
  // The label and the content in spans of their own: a change of language rewrites the label only.
  const item = document.createElement('li');
  Object.assign(item.dataset, { kind: 'checkpoint', id: event.id });
  item.appendChild(said('span', event.savepoint ? 'savepoint' : 'checkpoint', { id: event.id }));
  item.appendChild(document.createTextNode(': '));
  const state = said('span', 'reading');
  state.className = 'held';
  item.appendChild(state);
  // In the order of their ids, whichever the page heard of first.
  const list = document.getElementById('checkpoints');
  const later = [...list.children].find(other => other.dataset.kind === 'checkpoint' && Number(other.dataset.id) > event.id);
  list.insertBefore(item, later || null);
  if (event.savepoint) { item.dataset.savepoint = 'true'; } else { log('log.checkpoint', { id: event.id }); }
}

const handlers = {
  status(event) {
    if (event.state === 'STARTING') {
      if (!event.from) {
        ['checkpoints', 'lanes', 'failures', 'log'].forEach(id => { document.getElementById(id).innerHTML = ''; });
        lab.leaders = [];
        document.getElementById('restore').hidden = true;
        document.getElementById('answer').hidden = true;
        log('log.starting', { settings: settingsOf(event) });
      } else {
        log('log.resuming', { kind: event.fromKind, id: event.fromId, settings: settingsOf(event) });
      }
      document.getElementById('verdict-section').hidden = true;
      lab.resumable = false;
    }
    if (event.state === 'RUNNING') {
      // What was kept stays shown until a job runs from it (a refused resume leaves it kept).
      document.getElementById('kept').hidden = true;
      lab.checkpointed = false;
      document.getElementById('status').dataset.jobId = event.jobId;
      log('log.started', { jobId: event.jobId });
    }
    if (event.state === 'ENDED') {
      lab.resumable = !!event.resumable;
      log('log.ended');
    }
    setStatus(event.state);
  },
  row(event) {
    if (rowOf(event)) { return; }
    const attempt = laneOf(event);
    const row = document.createElement('span');
    row.className = 'row';
    Object.assign(row.dataset, { kind: 'row', v: event.v, attempt: attempt, key: event.key, runningSum: event.runningSum, state: 'printed',
      flinkAttempt: event.attempt, processedAt: event.processedAt });
    row.title = event.key + ': v=' + event.v + ', running_sum=' + event.runningSum;
    row.textContent = event.v + ' → ' + event.runningSum;
    lane(attempt).appendChild(row);
  },
  commit(event) {
    handlers.row(event);
    rowOf(event).dataset.state = 'committed';
  },
  checkpoint(event) {
    // This job has a checkpoint of its own: "cancel, keep the checkpoint" can keep it.
    lab.checkpointed = true;
    enableButtons();
    listCheckpoint(event);
  },
  checkpointState(event) {
    const item = checkpointItem(event.id);
    if (!item) { return; }
    item.dataset.held = describe(event.sums);
    const held = item.querySelector('.held');
    delete held.dataset.i18nKey;
    held.textContent = event.sums ? describe(event.sums) : (event.error || '?');
  },
  failure(event) {
    document.getElementById('failures').appendChild(said('div', 'failure', { cause: event.cause }));
  },
  fromScratch(event) {
    // No checkpoint to restore: the next attempt starts from zero, and every row printed so far is thrown away.
    document.querySelectorAll('.row[data-state=printed]').forEach(row => {
      if (!(Number(row.dataset.processedAt) > event.at)) { row.dataset.state = 'thrown-away'; }
    });
    log('log.fromScratch');
  },
  dropped(event) { log('log.dropped', { count: event.count }); },
  closed() { log('log.closed'); setStatus('ENDED'); },
  restore(event) {
    // Told at once; what the checkpoint holds follows (restoreState) once it is read from its files.
    if (event.newLeader) { newLeader(event.restoredAt); }
    // The restored checkpoint is in the list, even if it completed between two looks.
    listCheckpoint({ id: event.id, savepoint: event.savepoint });
    const restore = document.getElementById('restore');
    restore.hidden = false;
    delete restore.dataset.held;
    Object.assign(restore.dataset, { kind: 'restore', checkpointId: event.id, savepoint: !!event.savepoint });
    showRestore(t('reading'));
    // Rows printed before the restore that no checkpoint covered are thrown away (not those the
    // restarted job printed before this page heard of its restore).
    document.querySelectorAll('.row[data-state=printed], .row[data-state=uncommitted]').forEach(row => {
      if (!(Number(row.dataset.processedAt) >= event.restoredAt)) { row.dataset.state = 'thrown-away'; }
    });
    log('log.restore', { id: event.id });
  },
  restoreState(event) {
    if (event.sums) { handlers.checkpointState({ id: event.id, sums: event.sums }); }
    const restore = document.getElementById('restore');
    if (restore.dataset.checkpointId !== String(event.id)) { return; }
    restore.dataset.held = describe(event.sums);
    showRestore(event.sums ? describe(event.sums) : (event.error || '?'));
    if (lab.prediction) { answer(lab.prediction, event); lab.prediction = null; }
  },
  stopped(event) {
    // What the stopped job kept, read from its files: the next resume starts from it.
    listCheckpoint({ id: event.id, savepoint: event.how === 'savepoint' });
    handlers.checkpointState({ id: event.id, sums: event.sums, error: event.error });
    const kept = document.getElementById('kept');
    kept.hidden = false;
    const values = { id: event.id, sums: event.sums ? describe(event.sums) : (event.error || '?'), status: event.status };
    Object.assign(kept.dataset, { kind: 'kept', how: event.how, checkpointId: event.id, held: describe(event.sums), i18nKey: 'kept.' + event.how,
      i18nValues: JSON.stringify(values) });
    kept.textContent = t('kept.' + event.how, values);
    document.querySelectorAll('.row[data-state=printed]').forEach(row => { row.dataset.state = 'uncommitted'; });
    log('log.stopped.' + event.how, { id: event.id });
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
  log(event) { log('log.' + event.key, event); },
  error(event) { log('log.error', { message: event.message }); }
};

/** The restore's sentence, with {@code content} for what its checkpoint holds. */
function showRestore(content) {
  const restore = document.getElementById('restore');
  restore.dataset.i18nKey = restore.dataset.savepoint === 'true' ? 'restoreSavepoint' : 'restore';
  restore.dataset.i18nValues = JSON.stringify({ id: restore.dataset.checkpointId, sums: content });
  restore.textContent = t(restore.dataset.i18nKey, { id: restore.dataset.checkpointId, sums: content });
}

/** Shows the learner's guess beside what Flink restored (its id, and the sum its files hold). */
function answer(guess, restore) {
  const actualSum = total(restore.sums);
  const right = guess.checkpoint === restore.id && guess.sum === actualSum;
  const element = document.getElementById('answer');
  element.hidden = false;
  Object.assign(element.dataset, {
    guessedCheckpoint: guess.checkpoint, guessedSum: guess.sum, actualCheckpoint: restore.id, actualSum: actualSum, right: right
  });
  const values = { guessedId: guess.checkpoint, guessedSum: guess.sum, id: restore.id, sum: actualSum };
  element.dataset.i18nKey = right ? 'answer.right' : 'answer.wrong';
  element.dataset.i18nValues = JSON.stringify(values);
  element.textContent = t(element.dataset.i18nKey, values);
}

async function post(path, body) {
  const answer = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  if (!answer.ok) { log('log.refused', { message: await answer.text() }); }
}

async function main() {
  all = await (await fetch('/i18n.json')).json();
  translate();
  document.getElementById('language').addEventListener('click', () => { language = language === 'zh' ? 'en' : 'zh'; translate(); });
  const setup = await (await fetch('/setup')).json();
  lab.remote = setup.remote;
  lab.highlyAvailable = setup.highlyAvailable;
  document.getElementById('remote-controls').hidden = !setup.remote;
  document.getElementById('rows-per-second').disabled = !setup.paceable;
  document.getElementById('start').addEventListener('click', () => post('/api/start', nextRun()));
  document.getElementById('resume').addEventListener('click', () => post('/api/resume', nextRun()));
  document.getElementById('fail-now').addEventListener('click', () => {
    // A guess filled in before the failure is held until the restore answers it.
    const checkpoint = document.getElementById('guess-checkpoint').value;
    const sum = document.getElementById('guess-sum').value;
    lab.prediction = checkpoint === '' && sum === '' ? null : { checkpoint: Number(checkpoint), sum: Number(sum) };
    if (lab.prediction) { log('log.guess', { id: checkpoint, sum: sum }); }
    post('/api/fail-now');
  });
  ['cancel-keep-checkpoint', 'savepoint-and-stop', 'kill-taskmanager', 'kill-jobmanager'].forEach(id =>
    document.getElementById(id).addEventListener('click', () => post('/api/' + id)));
  const source = new EventSource('/events');
  source.onmessage = message => {
    const event = JSON.parse(message.data);
    (handlers[event.type] || (() => {}))(event);
  };
  document.body.dataset.ready = 'true';
}

main();
