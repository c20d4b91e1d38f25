<?php

namespace Acme\Meetings\Transport;

use GuzzleHttp\Client;

abstract class Connector
{
    /** Where every resource path hangs. */
    protected $serviceRoot = 'https://api.zoom.us/v2/';

    protected $http;

    public function __construct(Client $http)
    {
        $this->http = $http;
    }

    // "$method" is the API method (a path), as the vendor docs call it.
    protected function fetch($method, $query = [])
    {
        $res = $this->http->request('GET', $this->serviceRoot . $method, ['query' => $query, 'headers' => $this->auth()]);
        return json_decode((string) $res->getBody(), true);
    }

    protected function store($method, $payload)
    {
        $res = $this->http->request('POST', $this->serviceRoot . $method,
            ['json' => $payload, 'headers' => $this->auth()]);
        return json_decode((string) $res->getBody(), true);
    }

    protected function drop($method, $query = [])
    {
        return $this->http->request('DELETE', $this->serviceRoot . $method, ['query' => $query]);
    }

    abstract protected function auth(): array;
}
