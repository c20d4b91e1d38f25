// The single-page app's own backend: not a file about Zoom.
const axios = require("axios");

const BASE_URL = process.env.BACKEND_URL;

exports.users = () => axios({ url: BASE_URL + "/users" });
exports.user = (id) => axios({ url: `${BASE_URL}/users/${id}`, method: "DELETE" });
