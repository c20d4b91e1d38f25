// A browser front end calling the app's own back end (test fixture for
// package scan). The file never mentions the video service, so its paths
// are not taken for that service's API even though they match its paths.
export const deleteUser = (id) => fetch('/users/' + id, { method: 'DELETE' });
export const listUsers = () => axios.get('/users');
