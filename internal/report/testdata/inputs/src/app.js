// A small app whose Zoom calls the report goldens scan.
const base = "https://api.zoom.us/v2";
async function profile(id) {
  return fetch(`${base}/users/${id}`, { method: "GET" });
}
async function rename(id, name) {
  return fetch(`${base}/users/${id}`, { method: "PATCH", body: JSON.stringify({ first_name: name }) });
}
async function groups() {
  return fetch(base + "/groups");
}
async function again(id) {
  return fetch(`${base}/users/${id}`);
}
async function unknown() {
  return fetch(base + "/widgets/list");
}
