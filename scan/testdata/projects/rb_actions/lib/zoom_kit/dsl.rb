# frozen_string_literal: true

module ZoomKit
  module Dsl
    def endpoint(name:, verb:, url:)
      define_method(name) do |**opts|
        path = url.gsub(/:(\w+)/) { opts.fetch(Regexp.last_match(1).to_sym).to_s }
        self.class.public_send(verb, path, headers: auth_headers)
      end
    end
  end
end
