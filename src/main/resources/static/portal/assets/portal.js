// Incident Desk portal: knowledge suggestions while the caller types a summary, and a size
// check before an upload. Everything works without this script; it only saves round trips.
(function () {
  'use strict';

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = { 'Accept': 'application/json' };
    if (token && header) {
      headers[header.getAttribute('content')] = token.getAttribute('content');
    }
    return headers;
  }

  function suggestWhileTyping(summary) {
    var box = document.getElementById('suggestions');
    var list = document.getElementById('suggestion-list');
    if (!box || !list) {
      return;
    }
    var timer = null;
    var latest = 0;
    summary.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(summary.value.trim()); }, 300);
    });

    function load(text) {
      var request = ++latest;
      if (text.length < 3) {
        show([]);
        return;
      }
      var url = summary.getAttribute('data-suggest-url') + '?q=' + encodeURIComponent(text);
      fetch(url, { headers: csrfHeaders(), credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (suggestions) {
          // An answer to an older keystroke must not replace a newer one.
          if (request === latest) {
            show(suggestions);
          }
        })
        .catch(function () { /* Suggestions are a help; without them the form still works. */ });
    }

    // Built with textContent, never innerHTML: titles are text that others wrote.
    function show(suggestions) {
      list.replaceChildren();
      var base = box.getAttribute('data-article-url');
      suggestions.forEach(function (suggestion) {
        var item = document.createElement('li');
        item.className = 'suggestion';
        var title = document.createElement('span');
        title.className = 'title';
        title.textContent = suggestion.title;
        var read = document.createElement('a');
        read.href = base + encodeURIComponent(suggestion.number);
        read.textContent = box.getAttribute('data-read-label');
        read.setAttribute('aria-label', box.getAttribute('data-read-label') + ': ' + suggestion.title);
        var solved = document.createElement('button');
        solved.type = 'submit';
        solved.className = 'button secondary solved';
        // Sends this form, with its CSRF token, to the deflection instead of the report.
        solved.setAttribute('formaction', base + encodeURIComponent(suggestion.number) + '/solved');
        solved.formNoValidate = true;
        solved.textContent = box.getAttribute('data-solved-label');
        solved.setAttribute('aria-label', box.getAttribute('data-solved-label') + ': ' + suggestion.title);
        item.append(title, read, solved);
        list.appendChild(item);
      });
      box.hidden = suggestions.length === 0;
    }
  }

  function checkUploadSize(input) {
    var max = Number(input.getAttribute('data-max-bytes'));
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      input.setCustomValidity(file && max && file.size > max ? document.getElementById('file-hint').textContent : '');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.getElementById('summary');
    if (summary && summary.hasAttribute('data-suggest-url')) {
      suggestWhileTyping(summary);
    }
    var file = document.querySelector('input[type="file"][data-max-bytes]');
    if (file) {
      checkUploadSize(file);
    }
  });
})();
