# frozen_string_literal: true

require 'httparty'

module ZoomKit
  class Client
    include HTTParty
    include People

    base_uri 'https://api.zoom.us/v2'

    def teams
      self.class.get('/groups', headers: auth_headers)
    end

    def auth_headers
      { 'Authorization' => "Bearer #{ENV.fetch('ZOOMKIT_TOKEN')}" }
    end
  end
end
