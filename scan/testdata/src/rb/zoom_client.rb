# Zoom REST client (test fixture for package scan).
# Each "want:" comment names the call scan must find on that line.
require 'net/http'
require 'json'
require 'httparty'

class ZoomClient
  BASE = 'https://api.zoom.us/v2'

  def create_meeting(user_id, body)
    uri = URI("#{BASE}/users/#{user_id}/meetings") # want: POST /users/{userId}/meetings medium
    req = Net::HTTP::Post.new(uri)
    req.body = body.to_json
    http(uri).request(req)
  end

  def list_users
    HTTParty.get("#{BASE}/users", headers: headers) # want: GET /users high
  end

  def add_user(attrs)
    HTTParty.post('https://api.zoom.us/v2/users', body: attrs.to_json, :headers => headers) # want: POST /users high
  end

  def zak
    Net::HTTP.get(URI('https://api.zoom.us/v2/users/me/zak')) # want: GET /users/me/zak high
  end

=begin
  HTTParty.delete("#{BASE}/users/#{user_id}") is in a block comment.
=end

  def headers
    { 'Authorization' => "Bearer #{@token}" }
  end
end
