<?php

namespace Acme\Meetings\Resources;

use Acme\Meetings\Transport\Connector;

class Members extends Connector
{
    public function everyone(array $filter = [])
    {
        return $this->fetch('users', $filter);
    }

    public function enrol(array $profile)
    {
        return $this->store('users', $profile);
    }

    public function one(string $memberId, array $filter = [])
    {
        return $this->fetch("users/{$memberId}", $filter);
    }

    public function dismissHelpers(string $memberId)
    {
        return $this->drop("users/{$memberId}/assistants");
    }

    protected function auth(): array
    {
        return ['Authorization' => 'Bearer ' . getenv('MEETINGS_TOKEN')];
    }
}
