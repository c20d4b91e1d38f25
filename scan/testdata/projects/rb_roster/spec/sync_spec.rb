describe Roster::Sync do
  it "reads the caller" do
    client = Roster::ZoomClient.new("t")
    client.api(:get, "users/summary")
  end
end
