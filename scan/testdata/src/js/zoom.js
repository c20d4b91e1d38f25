// Zoom REST calls from a Node service (test fixture for package scan).
// Each "want:" comment names the call scan must find on that line.
const axios = require('axios');

const ZOOM_BASE = 'https://api.zoom.us/v2';
const zoom = axios.create({ baseURL: 'https://api.zoom.us/v2', timeout: 5000 });

async function createMeeting(userId, body, token) {
  const res = await fetch(`${ZOOM_BASE}/users/${userId}/meetings`, { // want: POST /users/{userId}/meetings high
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

async function updateMeeting(meetingId, patch) {
  return axios.patch(`https://api.zoom.us/v2/meetings/${meetingId}`, patch); // want: PATCH /meetings/{meetingId} high
}

async function userSettings(userId) {
  return zoom.get(`/users/${encodeURIComponent(userId)}/settings`); // want: GET /users/{userId}/settings high
}

async function getMeeting(meetingId) {
  const r = await fetch(ZOOM_BASE + '/meetings/' + meetingId); // want: GET /meetings/{meetingId} high
  return r.json();
}

function summary(client, id) {
  return client.getMeetingSummary(id); // want: getMeetingSummary low
}

// Decoys: fetch('https://api.zoom.us/v2/users/me/zak') is only a comment,
async function decoys(name) {
  // another host,
  const gh = await fetch('https://api.github.com/users/' + name, { method: 'GET' });
  // prose that mentions a Zoom URL,
  const docs = 'See https://api.zoom.us/v2/users for the list';
  // and a path with no method anywhere near it.
  const label = '/users/me/zak';
  return [gh, docs, label];
}

module.exports = { createMeeting, updateMeeting, userSettings, getMeeting, summary, decoys };
