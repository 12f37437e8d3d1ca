/*
 * The manager dashboard's charts (Apache ECharts, served from this site). Each chart is
 * drawn from the table of figures beside it: the table's row headers are the categories,
 * the cells of the columns named in data-columns the series, with their column headers as
 * the series' names. So the page shows the same figures with and without scripts, and a
 * screen reader reads the table (the chart itself is aria-hidden).
 */
(function () {
  'use strict';

  function seriesOf(table, column) {
    var header = table.querySelector('thead th.' + column);
    var cells = table.querySelectorAll('tbody td.' + column);
    return {
      name: header ? header.textContent.trim() : column,
      data: Array.prototype.map.call(cells, function (cell) { return Number(cell.getAttribute('data-value')); })
    };
  }

  function draw(element) {
    var table = document.getElementById(element.getAttribute('data-table'));
    if (!table || typeof echarts === 'undefined') {
      return;
    }
    var categories = Array.prototype.map.call(table.querySelectorAll('tbody th[scope=row]'), function (th) {
      return th.textContent.trim();
    });
    var line = element.getAttribute('data-kind') === 'line';
    var stacked = element.getAttribute('data-stack') === 'true';
    var columns = element.getAttribute('data-columns').split(',');
    var series = columns.map(function (column) {
      var s = seriesOf(table, column);
      return {
        name: s.name,
        type: line ? 'line' : 'bar',
        stack: stacked ? 'total' : undefined,
        data: s.data,
        label: { show: !line, position: stacked ? 'inside' : 'top' }
      };
    });
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      // Plain-text tooltips: the HTML ones carry inline styles that the page's
      // Content-Security-Policy refuses.
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { show: columns.length > 1, top: 0 },
      grid: { left: 40, right: 16, top: columns.length > 1 ? 32 : 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-rendered', 'true');
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('.chart[data-table]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  }
  else {
    start();
  }
})();
