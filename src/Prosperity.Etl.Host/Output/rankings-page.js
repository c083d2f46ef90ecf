// The rankings page: period, peer-group, indicator and region pickers, the table, a bar chart of the
// peers with the chosen region highlighted, and the chosen region's rank over time. The data are
// either inlined (the file 'prosperity report --html' writes: window.PROSPERITY_RANKINGS) or read
// from the server (prosperity serve: the URL in the body's data-source attribute). The query string
// may preselect ?group=, ?indicator= and ?region=.
(function () {
  'use strict';
  function start(DATA) {
  const $ = id => document.getElementById(id);
  const rows = DATA.rows;
  const withheld = DATA.withheld || [];
  const fill = (select, items, keep) => {
    const old = keep ? select.value : null;
    select.innerHTML = '';
    for (const [value, text] of items) {
      const o = document.createElement('option');
      o.value = value; o.textContent = text; select.appendChild(o);
    }
    if (old && items.some(i => i[0] === old)) select.value = old;
  };
  const unique = (list, key) => [...new Map(list.map(x => [key(x), x])).values()];
  const fmt = (v, d) => v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const arrow = c => c === null || c === undefined ? '' : c > 0 ? '▲' + c : c < 0 ? '▼' + (-c) : '=';
  const arrowClass = c => c === null || c === undefined ? '' : c > 0 ? 'up' : c < 0 ? 'down' : 'same';
  let bars = null, history = null;

  fill($('period'), DATA.periods.map(p => [p.code, p.label]));
  $('period').value = DATA.period;
  $('subtitle').textContent = DATA.subtitle;
  $('notes').innerHTML = '';
  for (const n of DATA.notes) { const p = document.createElement('p'); p.textContent = n; $('notes').appendChild(p); }

  function refreshPickers() {
    const period = $('period').value;
    const inPeriod = rows.filter(r => r.period === period).concat(withheld.filter(w => w.period === period));
    fill($('group'), unique(inPeriod, r => r.group).map(r => [r.group, r.group_name]), true);
    const inGroup = inPeriod.filter(r => r.group === $('group').value);
    fill($('indicator'), unique(inGroup, r => r.indicator_code).map(r => [r.indicator_code, DATA.indicators[r.indicator_code].name]), true);
    fill($('region'), unique(inGroup.filter(r => r.region_code), r => r.region_code).map(r => [r.region_code, r.region_name_zh + ' ' + r.region_name_en]), true);
  }

  function render() {
    const period = $('period').value, group = $('group').value, ind = $('indicator').value, chosen = $('region').value;
    const meta = DATA.indicators[ind];
    const table = rows.filter(r => r.period === period && r.group === group && r.indicator_code === ind);
    const mark = (DATA.publication || {})[period] || '';
    $('publication').textContent = mark;
    $('publication').className = 'mark ' + (mark.startsWith('已发布') ? 'published' : mark ? 'provisional' : '');
    $('table-title').textContent = meta.name + (meta.unit ? ' (' + meta.unit + ')' : '');
    const body = $('rows'); body.innerHTML = '';
    for (const r of table) {
      const tr = document.createElement('tr');
      if (r.region_code === chosen) tr.className = 'chosen';
      const cells = [
        [r.rank ?? '—', 'num'], [arrow(r.rank_change), arrowClass(r.rank_change)], [r.region_name_zh + ' ' + r.region_name_en, ''],
        [fmt(r.value, meta.precision), 'num'], [r.growth === null ? '—' : (r.growth > 0 ? '+' : '') + fmt(r.growth, meta.growth_precision) + (meta.growth_percent ? '%' : ''), 'num'],
        [r.growth_rank ?? '—', 'num']];
      for (const [text, cls] of cells) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); }
      body.appendChild(tr);
    }
    const first = table[0];
    const held = withheld.find(w => w.period === period && w.group === group && w.indicator_code === ind);
    $('caption').textContent = held ? held.reason
      : first ? `${first.peer_count} of ${first.peer_count + first.missing} ranked, ${first.missing} missing; ${meta.direction}` : '';

    const ranked = table.filter(r => r.value !== null);
    const colours = ranked.map(r => r.region_code === chosen ? '#f97316' : '#5b9bd5');
    if (bars) bars.destroy();
    bars = new Chart($('bars'), {
      type: 'bar',
      data: { labels: ranked.map(r => r.region_name_zh), datasets: [{ label: meta.name, data: ranked.map(r => r.value), backgroundColor: colours }] },
      options: { indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
    });

    const periods = DATA.periods.map(p => p.code).slice().reverse();
    const mine = periods.map(p => rows.find(r => r.period === p && r.group === group && r.indicator_code === ind && r.region_code === chosen));
    $('history-title').textContent = '排名变化 Rank over time — ' + ($('region').selectedOptions[0]?.textContent ?? '');
    if (history) history.destroy();
    const peers = Math.max(1, ...rows.filter(r => r.group === group && r.indicator_code === ind).map(r => r.peer_count + r.missing));
    history = new Chart($('history'), {
      type: 'line',
      data: { labels: DATA.periods.map(p => p.label).slice().reverse(), datasets: [{ label: 'rank', data: mine.map(r => r ? r.rank : null), borderColor: '#f97316', backgroundColor: '#f97316', spanGaps: true }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } },
        scales: { y: { reverse: true, min: 1, max: peers, ticks: { stepSize: 1, precision: 0 }, title: { display: true, text: '排名 Rank' } } } }
    });
  }

  for (const id of ['period', 'group', 'indicator']) $(id).addEventListener('change', () => { refreshPickers(); render(); });
  $('region').addEventListener('change', render);
  const pick = (id, value) => { if (value && [...$(id).options].some(o => o.value === value)) { $(id).value = value; return true; } return false; };
  refreshPickers();
  if (pick('group', query.get('group'))) refreshPickers();
  if (pick('indicator', query.get('indicator'))) refreshPickers();
  pick('region', query.get('region') || DATA.region);
  render();
  document.body.dataset.ready = 'true';
  }

  const query = new URLSearchParams(window.location.search);
  const failed = text => { const p = document.getElementById('subtitle'); p.textContent = text; p.className = 'sub error'; };
  if (window.PROSPERITY_RANKINGS) {
    start(window.PROSPERITY_RANKINGS);
  } else if (document.body.dataset.source) {
    fetch(document.body.dataset.source, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => r.ok ? r.json() : r.text().then(t => { throw new Error(r.status + ' ' + t); }))
      .then(start)
      .catch(e => failed('The rankings could not be loaded: ' + e.message));
  }
})();
