module Roster
  class Sync
    def initialize(client)
      @client = client
    end

    def run(user_id)
      @client.api(:get, "users/me")
      @client.api(:patch, "users/#{user_id}", { type: 2 })
      @client.api("DELETE", "/users/#{user_id}/assistants")
      @client.api(:get, "users/#{user_id}/collaboration_devices?page_size=30")
    end

    def charge(customer)
      HTTParty.post("#{STRIPE_ROOT}/customers/#{customer}")
    end
  end
end
