require "httparty"

module Roster
  class ZoomClient
    ROUTES = {
      assistants: "%{root}/users/%{user}/assistants",
      permissions: "{root}/users/{user}/permissions",
    }.freeze

    def initialize(token)
      @token = token
    end

    def api(verb, route, payload = nil)
      url = "#{ZOOM_ROOT}/#{route.delete_prefix('/')}"
      HTTParty.send(verb, url, body: payload&.to_json, headers: headers)
    end

    def permissions(user)
      HTTParty.get(ROUTES[:permissions].gsub("{root}", ZOOM_ROOT).gsub("{user}", user), headers: headers)
    end

    private

    def headers
      { "Authorization" => "Bearer #{@token}" }
    end
  end
end
