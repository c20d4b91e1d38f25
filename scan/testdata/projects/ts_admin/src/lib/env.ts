// Environment of the admin console.
export const ZOOM_API = process.env.ZOOM_API ?? "https://api.zoom.us/v2";
export const STRIPE_API = "https://api.stripe.com";
export const GOOGLE_API = "https://admin.googleapis.com/admin/directory/v1";
