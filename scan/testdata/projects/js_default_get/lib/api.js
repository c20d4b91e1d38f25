const config = require('./config');

// Every Zoom request goes through here; GET unless told otherwise.
async function api(route, verb = 'GET', payload = undefined) {
  const path = route.startsWith('/') ? route.slice(1) : route;
  const res = await fetch(`${config.zoomApiBase}/${path}`, {
    method: verb,
    headers: { Authorization: `Bearer ${process.env.ZOOM_TOKEN}`, 'Content-Type': 'application/json' },
    body: payload && JSON.stringify(payload),
  });
  if (!res.ok) throw new Error(`zoom ${verb} ${route}: ${res.status}`);
  return res.status === 204 ? null : res.json();
}

async function slack(method, body) {
  return fetch(`${config.slackApiBase}/${method}`, { method: 'POST', body: JSON.stringify(body) });
}

module.exports = { api, slack };
