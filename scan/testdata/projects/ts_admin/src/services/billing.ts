// Decoys: Stripe and Google calls with Zoom-like paths and SDK names.
import Stripe from "stripe";
import { STRIPE_API, GOOGLE_API } from "../lib/env";

const stripe = new Stripe(process.env.STRIPE_KEY ?? "");

export async function charge(customer: string) {
  await fetch(`${STRIPE_API}/v1/customers/${customer}`, { method: "DELETE" });
  await fetch(GOOGLE_API + "/users/" + customer, { method: "PATCH" });
  return stripe.customers.userCreate({ customer });
}
