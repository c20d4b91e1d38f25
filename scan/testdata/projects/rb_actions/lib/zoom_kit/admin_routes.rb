# frozen_string_literal: true

# The admin app's own pages: routes it serves, not Zoom calls.
module ZoomKit
  ADMIN_ROUTES = [
    { verb: :get, url: '/users/:id', controller: 'admin/users#show' },
    { verb: :delete, url: '/users/:id', controller: 'admin/users#destroy' }
  ].freeze
end
