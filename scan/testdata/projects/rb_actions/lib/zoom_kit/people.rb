# frozen_string_literal: true

module ZoomKit
  module People
    extend ZoomKit::Dsl

    # One person.
    endpoint(
      name: :person,
      verb: :get,
      url: '/users/:user_id'
    )

    endpoint(
      name: :deactivate,
      verb: :put,
      url: '/users/:user_id/status'
    )

    endpoint(name: :everyone, verb: :get, url: '/users')
  end
end
