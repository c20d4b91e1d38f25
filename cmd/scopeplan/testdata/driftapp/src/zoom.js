// Talks to Zoom for the signed-in user.
const ZOOM_API = "https://api.zoom.us/v2";

async function profile(token) {
  const res = await fetch(`${ZOOM_API}/users/me`, { method: "GET", headers: { Authorization: `Bearer ${token}` } });
  return res.json();
}

async function settings(token) {
  const res = await fetch(`${ZOOM_API}/users/me/settings`, { method: "GET", headers: { Authorization: `Bearer ${token}` } });
  return res.json();
}

module.exports = { profile, settings };
