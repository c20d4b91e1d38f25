import { STATUS_ROOT, ZOOM_ROOT } from "./config";
import { Pinger, Transport } from "./transport";

const transport = new Transport(ZOOM_ROOT, process.env.TOKEN ?? "");
const pinger = new Pinger(STATUS_ROOT);

export const member = (id: string) => transport.read(`/users/${id}`);
export const dropHelpers = (id: string) => transport.remove(`/users/${id}/assistants`);
export const health = () => pinger.ping("/users");
