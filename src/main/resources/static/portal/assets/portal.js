// Incident Desk portal: knowledge suggestions while the caller types a summary, a size
// check before an upload, and the browser's time zone for readers whose profile and
// organisation name none. Everything works without this script; it only saves round trips.
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
        // The token in the address too: the form is multipart, for its files.
        var token = document.querySelector('meta[name="_csrf"]');
        solved.setAttribute('formaction', base + encodeURIComponent(suggestion.number) + '/solved'
          + (token ? '?_csrf=' + encodeURIComponent(token.getAttribute('content')) : ''));
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

  // Several files with a report: at most so many, and so many bytes in all.
  function checkReportFiles(input) {
    var maxBytes = Number(input.getAttribute('data-max-bytes'));
    var maxFiles = Number(input.getAttribute('data-max-files'));
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
      var message = '';
      if (maxFiles && files.length > maxFiles) {
        message = input.getAttribute('data-too-many');
      } else if (maxBytes && total > maxBytes) {
        message = input.getAttribute('data-too-large');
      }
      input.setCustomValidity(message);
    });
  }

  // The server shows times in the zone of the reader's profile or organisation, else in
  // the one this cookie names, else in UTC.
  function rememberTimeZone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone) {
      return;
    }
    var value = encodeURIComponent(zone);
    if (document.cookie.split('; ').indexOf('incident-desk-tz=' + value) < 0) {
      document.cookie = 'incident-desk-tz=' + value + '; path=/; max-age=31536000; SameSite=Lax';
    }
  }

  rememberTimeZone();

  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.getElementById('summary');
    if (summary && summary.hasAttribute('data-suggest-url')) {
      suggestWhileTyping(summary);
    }
    var file = document.querySelector('input[type="file"][data-max-bytes]:not([multiple])');
    if (file) {
      checkUploadSize(file);
    }
    var files = document.querySelector('input[type="file"][data-max-files]');
    if (files) {
      checkReportFiles(files);
    }
  });
})();
