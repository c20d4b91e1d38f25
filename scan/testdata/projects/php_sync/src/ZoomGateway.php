<?php

namespace App\Sync;

use GuzzleHttp\Client;

class ZoomGateway
{
    private const ROUTES = [
        'lock' => '{root}/groups/{group}/lock_settings',
        'admins' => ['POST', '{root}/groups/{group}/admins'],
    ];

    private Client $http;
    private string $root;

    public function __construct(array $config)
    {
        $this->http = new Client();
        $this->root = $config['zoom']['base'];
    }

    public function zoom(string $route, string $how = 'GET', array $body = [])
    {
        $url = $this->root . '/' . ltrim($route, '/');
        $response = $this->http->request(strtoupper($how), $url, ['json' => $body]);
        return json_decode((string) $response->getBody(), true);
    }

    public function route(string $name, string $group): string
    {
        $entry = self::ROUTES[$name];
        $template = is_array($entry) ? $entry[1] : $entry;
        return strtr($template, ['{root}' => $this->root, '{group}' => $group]);
    }

    public function send(string $url, string $verb, array $body = [])
    {
        return $this->http->request($verb, $url, ['json' => $body]);
    }
}
