const { api } = require('../lib/api');

test('looks a user up by email', async () => {
  await api('users/email?email=a@example.com');
});
