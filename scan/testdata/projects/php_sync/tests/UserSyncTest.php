<?php

use App\Sync\ZoomGateway;

class UserSyncTest extends TestCase
{
    public function testCurrent(): void
    {
        $gateway = new ZoomGateway(['zoom' => ['base' => 'http://localhost']]);
        $this->assertNotNull($gateway->zoom('users/summary'));
    }
}
