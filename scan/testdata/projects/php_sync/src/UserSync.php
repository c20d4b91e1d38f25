<?php

namespace App\Sync;

class UserSync
{
    public function __construct(private ZoomGateway $gateway, private array $config)
    {
    }

    public function current()
    {
        return $this->gateway->zoom('users/me');
    }

    public function create(array $info)
    {
        return $this->gateway->zoom('/users', 'post', ['action' => 'create', 'user_info' => $info]);
    }

    public function update(string $id, array $fields)
    {
        return $this->gateway->zoom("users/{$id}", 'patch', $fields);
    }

    public function email(string $id, string $email)
    {
        return $this->gateway->zoom("users/$id/email?login_type=100", 'PUT', ['email' => $email]);
    }

    public function members(string $gid, bool $contact)
    {
        $kind = $contact ? 'contacts/groups' : 'groups';
        return $this->gateway->zoom("$kind/$gid/members");
    }

    public function schedulers(string $id)
    {
        $url = $this->config['zoom']['base'] . "/users/{$id}/schedulers";
        $this->log('clearing schedulers');
        return $this->gateway->send($url, 'DELETE');
    }

    private function log(string $msg): void
    {
        error_log($msg);
    }
}
