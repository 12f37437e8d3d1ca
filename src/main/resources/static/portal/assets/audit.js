// Incident Desk portal, the auditor's history view: draws the process diagram of the version
// the incident ran with bpmn-js (bundled, no CDN) and marks the path taken, from the steps the
// page lists in #path-steps. Everything else on the page works without this script.
(function () {
  'use strict';

  function draw() {
    var box = document.getElementById('diagram');
    var steps = document.getElementById('path-steps');
    if (!box || !steps) {
      return;
    }
    if (typeof window.BpmnJS !== 'function') {
      failed(box);
      return;
    }
    var viewer = new window.BpmnJS({ container: box, height: '100%' });
    fetch(box.getAttribute('data-diagram-url'), {
      credentials: 'same-origin',
      headers: { 'Accept': 'application/xml' }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('The diagram answered ' + response.status);
        }
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        mark(viewer, steps, box.getAttribute('data-times-label'));
        viewer.get('canvas').zoom('fit-viewport');
        box.setAttribute('data-rendered', 'true');
      })
      .catch(function () { failed(box); });
  }

  function mark(viewer, steps, timesLabel) {
    var canvas = viewer.get('canvas');
    var overlays = viewer.get('overlays');
    var registry = viewer.get('elementRegistry');
    Array.prototype.forEach.call(steps.querySelectorAll('tr[data-activity]'), function (row) {
      var id = row.getAttribute('data-activity');
      var element = registry.get(id);
      if (!element) {
        return;
      }
      canvas.addMarker(id, 'audit-passed');
      if (row.getAttribute('data-timer') === 'true') {
        canvas.addMarker(id, 'audit-timer-fired');
      }
      if (row.getAttribute('data-decision') === 'true') {
        canvas.addMarker(id, 'audit-decided');
      }
      if (row.getAttribute('data-active') === 'true') {
        canvas.addMarker(id, 'audit-active');
      }
      // Built with textContent: nothing here is markup.
      var count = document.createElement('span');
      count.className = 'audit-count';
      count.setAttribute('data-activity', id);
      count.textContent = row.getAttribute('data-count');
      count.title = row.getAttribute('data-count') + ' ' + timesLabel;
      overlays.add(id, 'audit-count', { position: { top: -10, right: 10 }, html: count });
    });
  }

  function failed(box) {
    box.setAttribute('data-rendered', 'false');
    box.hidden = true;
    var message = document.getElementById('diagram-error');
    if (message) {
      message.hidden = false;
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  }
  else {
    draw();
  }
})();
