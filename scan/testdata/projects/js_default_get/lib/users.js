const { api, slack } = require('./api');

async function whoami() {
  return api('users/me');
}

async function onboard(email) {
  const user = await api('/users', 'POST', { action: 'create', user_info: { email, type: 1 } });
  await api(`users/${user.id}/settings`, 'patch', { feature: { meeting_capacity: 300 } });
  await slack('chat.postMessage', { text: `welcome ${email}` });
  return user;
}

async function summary() {
  return api('users/summary?from=2024-01-01');
}

module.exports = { whoami, onboard, summary };
