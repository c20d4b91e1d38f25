// The root is handed in by whoever builds the transport.
export class Transport {
  constructor(private readonly root: string, private readonly token: string) {}

  read(path: string) {
    return fetch(this.root + path, { headers: this.auth() });
  }

  remove(path: string) {
    return fetch(this.root + path, { method: "DELETE", headers: this.auth() });
  }

  private auth() {
    return { Authorization: `Bearer ${this.token}` };
  }
}

export class Pinger {
  constructor(private readonly host: string) {}

  ping(path: string) {
    return fetch(this.host + path);
  }
}
