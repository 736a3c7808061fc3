// Cairn agent dashboard: plain JS, no build step. The token lives in sessionStorage (this tab only).
'use strict';
const KEY = 'cairn-agent-token';
const $ = (id) => document.getElementById(id);

function text(value) {
  const span = document.createElement('span');
  span.textContent = value === null || value === undefined ? '' : String(value);
  return span.innerHTML;
}

async function api(path, options = {}) {
  const response = await fetch(path, Object.assign({}, options,
    { headers: { 'Authorization': 'Bearer ' + sessionStorage.getItem(KEY) } }));
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.error || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

function attr(value) {
  return text(value).replace(/"/g, '&quot;');
}

function table(id, headers, rows) {
  $(id).innerHTML = '<tr>' + headers.map((h) => '<th>' + text(h) + '</th>').join('') + '</tr>'
    + (rows.length ? rows.join('') : '<tr><td colspan="' + headers.length + '">none</td></tr>');
}

function cell(value, cls) {
  return '<td' + (cls ? ' class="' + text(cls) + '"' : '') + '>' + text(value) + '</td>';
}

function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + ' ' + units[i];
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  if (seconds < 120) return seconds.toFixed(0) + ' s';
  if (seconds < 7200) return (seconds / 60).toFixed(0) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

// ranges (any instant inside can be restored) as bars, discrete restore points as ticks
function timeline(window, from, to) {
  if (!window.oldest) return '<td>nothing restorable yet</td>';
  const span = Math.max(1, to - from);
  const pos = (t) => Math.max(0, Math.min(100, (Date.parse(t) - from) / span * 100));
  const bars = window.ranges.map((r) => '<div class="span range" title="' + attr(r.from + ' → ' + r.until)
    + '" style="left:' + pos(r.from) + '%;width:' + Math.max(0.5, pos(r.until) - pos(r.from)) + '%"></div>').join('');
  const ticks = window.points.map((p) => '<div class="tick" title="' + attr(p.kind + ' ' + p.label + ' ' + p.time)
    + '" style="left:' + pos(p.time) + '%"></div>').join('');
  return '<td><div class="timeline">' + bars + ticks + '</div></td>';
}

function walCell(stream, type) {
  if (!stream) return cell(type === 'postgresql' ? 'not streamed' : '');
  const state = stream.connected ? 'streaming' : (stream.running ? 'reconnecting' : 'stopped');
  return cell(state + ' · lag ' + duration(stream.lagSeconds) + (stream.lastError && !stream.connected
    ? ' · ' + stream.lastError : ''), stream.connected ? 'UP' : 'DOWN');
}

async function refresh() {
  const [status, alerts, databases, schedules, runs, snapshots, restorePoints, wal] = await Promise.all([
    api('/api/status'), api('/api/alerts'), api('/api/databases'), api('/api/schedules'),
    api('/api/runs?limit=20'), api('/api/snapshots?limit=50'), api('/api/restore-points'), api('/api/wal')]);
  $('status').innerHTML = 'Databases <span class="' + text(status.overall) + '">' + text(status.overall) + '</span> · '
    + text(status.schedules) + ' schedules · running: ' + text(status.running.join(', ') || 'nothing')
    + ' · open alerts: ' + text(status.openAlerts) + ' · repository ' + text(status.repository.location)
    + (status.repository.bytes !== null ? ' (' + bytes(status.repository.bytes) + ')' : '');
  table('alerts', ['severity', 'alert', 'message', 'since'], alerts.open.map((a) =>
    '<tr>' + cell(a.severity, a.severity) + cell(a.key) + cell(a.message) + cell(a.raisedAt) + '</tr>'));
  table('databases', ['database', 'type', 'health', 'latency', 'pool', 'error'], databases.databases.map((d) =>
    '<tr>' + cell(d.id) + cell(d.type) + cell(d.status, d.status) + cell(d.latencyMs + ' ms')
    + cell(d.pool ? d.pool.active + '/' + d.pool.max : '') + cell(d.error) + '</tr>'));
  const now = Date.parse(restorePoints.now);
  const windows = restorePoints.databases;
  const from = Math.min(now - 86400000, ...windows.map((w) => w.oldest ? Date.parse(w.oldest) : now));
  const streams = Object.fromEntries(wal.streams.map((w) => [w.db, w]));
  $('windows').innerHTML = '<tr>' + ['database', 'point in time', 'oldest', 'newest', 'WAL', 'time line']
    .map((h) => '<th>' + text(h) + '</th>').join('') + '</tr>' + windows.map((w) =>
    '<tr class="restore-window" data-db="' + attr(w.db) + '">' + cell(w.db) + cell(w.pointInTime ? 'yes' : 'no',
      w.pointInTime ? 'UP' : '') + cell(w.oldest) + cell(w.newest) + walCell(streams[w.db], w.type)
    + timeline(w, from, now) + '</tr>').join('');
  table('schedules', ['schedule', 'cron', 'run', 'next', 'last run', ''], schedules.schedules.map((s) =>
    '<tr>' + cell(s.name) + cell(s.cron + ' (' + s.zone + ')') + cell(s.run) + cell(s.next)
    + cell(s.lastRun ? s.lastRun.outcome : 'never', s.lastRun ? s.lastRun.outcome : '')
    + '<td><button class="run-now" data-schedule="' + attr(s.name) + '">Run now</button></td></tr>'));
  table('runs', ['#', 'schedule', 'trigger', 'start', 'end', 'outcome', 'figures / error'], runs.runs.map((r) =>
    '<tr>' + cell(r.id) + cell(r.job) + cell(r.trigger) + cell(r.start) + cell(r.end) + cell(r.outcome, r.outcome)
    + cell(r.error || JSON.stringify(r.figures)) + '</tr>'));
  table('snapshots', ['id', 'time', 'kind', 'schedule', 'files', 'size', 'added'], snapshots.snapshots.map((s) =>
    '<tr class="snapshot">' + cell(s.shortId) + cell(s.time) + cell(s.kind) + cell(s.schedule) + cell(s.files)
    + cell(bytes(s.bytes))
    + cell(bytes(s.dataAdded)) + '</tr>'));
  document.querySelectorAll('.run-now').forEach((button) => button.addEventListener('click', () => runNow(button)));
}

async function runNow(button) {
  try {
    await api('/api/schedules/' + encodeURIComponent(button.dataset.schedule) + '/run', { method: 'POST' });
    await refresh();
  } catch (e) {
    alert(e.status === 403 ? 'Running a job needs the admin token.' : e.message);
  }
}

async function show() {
  try {
    await refresh();
    $('login').classList.add('hidden');
    $('app').classList.remove('hidden');
    $('who').textContent = 'signed in';
  } catch (e) {
    if (e.status === 401) sessionStorage.removeItem(KEY);
    $('error').textContent = e.message;
    $('login').classList.remove('hidden');
    $('app').classList.add('hidden');
  }
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('token').value.trim());
  $('token').value = '';
  show();
});

if (sessionStorage.getItem(KEY)) show();
setInterval(() => { if (sessionStorage.getItem(KEY) && !$('app').classList.contains('hidden')) refresh().catch(() => {}); }, 5000);
