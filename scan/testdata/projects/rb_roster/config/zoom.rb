module Roster
  ZOOM_ROOT = ENV.fetch("ZOOM_ROOT", "https://api.zoom.us/v2")
  STRIPE_ROOT = "https://api.stripe.com/v1"
end
