import { send } from "../lib/http";

test("reads the user", async () => {
  await send("users/summary");
});
