# Routes of the Zoom integration's own Rails app (test fixture for package
# scan): routes are not calls.
Rails.application.routes.draw do
  get '/users/:id', to: 'users#show'
  post '/users', to: 'users#create'
  delete '/meetings/:meeting_id', to: 'meetings#destroy'
  get '/users/me/zak' do
    'zak'
  end
end
