// Basin Ledger portal: progressive enhancement only. Every page works without this script.
document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported');
}

// GOV.UK Frontend's own behaviour (skip link focus, service navigation toggle on phones)
const self = document.querySelector('script[data-govuk-frontend]');
if (self) {
  import(self.dataset.govukFrontend).then((govuk) => govuk.initAll()).catch(() => {});
}

// Every stream this page opens is closed when the page is hidden (navigation, or the back-forward cache keeping it):
// a browser opens at most six connections to one host over HTTP/1.1, so streams of pages left behind would hold
// them and the next page would not load. A page shown again from that cache is loaded afresh.
const streams = [];
const openStream = (url) => {
  const source = new EventSource(url);
  streams.push(source);
  return source;
};
window.addEventListener('pagehide', () => streams.forEach((source) => source.close()));
window.addEventListener('pageshow', (event) => {
  if (event.persisted && streams.length > 0) {
    window.location.reload();
  }
});

// Live agreement page: the stream says "changed", the page fetches its live part again and swaps it in.
const live = document.getElementById('live');
if (live && window.EventSource && window.fetch && window.DOMParser) {
  const announcement = document.getElementById('live-announcement');
  let busy = false;
  let again = false;
  let first = true;

  const refresh = () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(live.dataset.fragment, { headers: { Accept: 'text/html' }, cache: 'no-store' })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live-content');
        const current = document.getElementById('live-content');
        if (fresh && current) {
          const changed = fresh.querySelector('#history-table tbody')?.children.length
            !== current.querySelector('#history-table tbody')?.children.length;
          current.replaceWith(document.adoptNode(fresh));
          if (changed && !first) {
            fresh.classList.add('bl-updated');
            fresh.addEventListener('animationend', () => fresh.classList.remove('bl-updated'), { once: true });
            if (announcement) {
              announcement.textContent = 'This agreement has changed: the page shows the latest record.';
            }
          }
        }
      })
      .catch(() => {})
      .finally(() => {
        busy = false;
        first = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };

  const stream = openStream(live.dataset.stream);
  stream.onopen = () => {
    document.body.classList.add('bl-live');
    document.body.dataset.live = 'open';
  };
  stream.onmessage = () => {
    refresh();
    window.blRefreshIncidents?.();
  };
  stream.onerror = () => {
    if (stream.readyState === EventSource.CLOSED) {
      document.body.classList.remove('bl-live');
    }
  };
}

// Banner of open incidents. On an agreement page its incidents' events are the agreement's, so the agreement's own
// stream (above) announces them; on the home page the incident stream does. On each change the page fetches the
// banner again (rendered and escaped on the server) and swaps it in. Without the script the banner is as loaded.
const banner = document.getElementById('incident-banner');
if (banner && window.EventSource && window.fetch && window.DOMParser) {
  let busy = false;
  let again = false;
  const refresh = () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    const current = document.getElementById('incident-banner');
    fetch(current.dataset.fragment, { headers: { Accept: 'text/html' }, cache: 'no-store' })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('incident-banner');
        const now = document.getElementById('incident-banner');
        if (fresh && now) {
          fresh.classList.add('bl-incidents-live');
          now.replaceWith(document.adoptNode(fresh));
        }
      })
      .catch(() => {})
      .finally(() => {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  window.blRefreshIncidents = refresh;
  if (live) {
    banner.classList.add('bl-incidents-live');
    document.body.dataset.incidents = 'open';
  } else {
    const incidents = openStream(banner.dataset.stream);
    incidents.addEventListener('open-incidents', () => {
      document.getElementById('incident-banner')?.classList.add('bl-incidents-live');
      document.body.dataset.incidents = 'open';
    });
    ['raised', 'updated', 'level-changed', 'acknowledged', 'missed', 'closed'].forEach((name) => {
      incidents.addEventListener(name, refresh);
    });
    incidents.onerror = () => {
      if (incidents.readyState === EventSource.CLOSED) {
        document.getElementById('incident-banner')?.classList.remove('bl-incidents-live');
        delete document.body.dataset.incidents;
      }
    };
  }
}
