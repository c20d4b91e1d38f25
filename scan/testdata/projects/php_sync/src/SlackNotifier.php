<?php

namespace App\Sync;

// Decoy: Slack's API through a wrapper named like Zoom's.
class SlackNotifier
{
    private string $root;

    public function __construct(array $config)
    {
        $this->root = $config['slack']['endpoint'];
    }

    public function zoom(string $route, string $how = 'GET')
    {
        return file_get_contents($this->root . '/' . $route);
    }

    public function users()
    {
        return $this->zoom('users.list');
    }
}
