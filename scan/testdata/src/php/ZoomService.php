<?php
// Zoom REST client (test fixture for package scan).
// Each "want:" comment names the call scan must find on that line.
namespace App\Services;

use GuzzleHttp\Client;
use Illuminate\Support\Facades\Http;

class ZoomService
{
    private Client $client;
    private string $base = 'https://api.zoom.us/v2';

    public function __construct(string $token)
    {
        $this->client = new Client([
            'base_uri' => 'https://api.zoom.us/v2/',
            'headers' => ['Authorization' => "Bearer $token"],
        ]);
    }

    public function deleteMeeting(string $meetingId)
    {
        return $this->client->request('DELETE', "https://api.zoom.us/v2/meetings/{$meetingId}"); // want: DELETE /meetings/{meetingId} high
    }

    public function createWebinar(string $userId, array $body)
    {
        return $this->client->post("users/$userId/webinars", ['json' => $body]); // want: POST /users/{userId}/webinars high
    }

    public function getUser(string $userId)
    {
        return $this->client->get($this->base . '/users/' . $userId); // want: GET /users/{userId} high
    }

    public function register(string $token, string $meetingId, array $r)
    {
        $url = 'https://api.zoom.us/v2/meetings/' . $meetingId . '/registrants'; // want: POST /meetings/{meetingId}/registrants medium
        return Http::withToken($token)->post($url, $r);
    }

    # A comment: $this->client->delete('https://api.zoom.us/v2/users/' . $id);
}
