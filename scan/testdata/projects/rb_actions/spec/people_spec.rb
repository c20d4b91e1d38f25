# frozen_string_literal: true

RSpec.describe ZoomKit::People do
  it 'fetches the settings' do
    stub_request(:get, 'https://api.zoom.us/v2/users/me/settings')
    ZoomKit::Client.get('/users/me/settings')
  end
end
