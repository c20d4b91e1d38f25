"use strict";

const rp = require("request-promise");

// The API root comes from the caller's configuration
// (documented as https://api.zoom.us/v2/).
class ZoomPeople {
  constructor(cfg) {
    this.cfg = cfg;
    this.opts = { json: true, auth: { bearer: cfg.token } };
  }

  listUsers() {
    const opts = { ...this.opts, uri: this.cfg.apiUrl + "users" };
    return rp(opts);
  }

  removeUser(id) {
    this.opts = {
      ...this.opts,
      method: "DELETE",
      uri: this.cfg.apiUrl + `users/${id}`,
    };
    return rp(this.opts);
  }

  settingsOf(id) {
    return rp({ uri: `${this.cfg.apiUrl}users/${id}/settings`, json: true });
  }

  rename(id, name) {
    const opts = { ...this.opts, uri: this.cfg.apiUrl + `users/${id}`, body: { first_name: name } };
    opts.method = "PATCH";
    return rp(opts);
  }
}

module.exports = ZoomPeople;
