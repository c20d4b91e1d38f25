// A small Node.js client of the Zoom REST API: what `scopeplan scan`
// finds in source code (see README.md).
const API = "https://api.zoom.us/v2";

async function zoom(method, path, token, body) {
  const res = await fetch(API + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
}

export async function host(token, userId) {
  return zoom("GET", `/users/${userId}`, token);
}

export async function settings(token) {
  return fetch(`${API}/users/me/settings`, { headers: { Authorization: `Bearer ${token}` } });
}

export async function schedule(token, userId, topic) {
  return fetch(`https://api.zoom.us/v2/users/${userId}/meetings`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify({ topic }),
  });
}
