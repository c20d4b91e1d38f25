<?php

namespace Acme\Meetings\Other;

// Another service with the same shape: its paths are not Zoom calls.
class CodeHost
{
    private $root = 'https://api.github.com/';

    protected function fetch($method, $query = [])
    {
        return $this->http->request('GET', $this->root . $method, ['query' => $query]);
    }

    public function profile(string $login)
    {
        return $this->fetch("users/{$login}");
    }
}
