<?php

return [
    'zoom' => [
        'base' => env('ZOOM_BASE', 'https://api.zoom.us/v2'),
        'account' => env('ZOOM_ACCOUNT_ID'),
    ],
    'slack' => [
        'endpoint' => 'https://slack.com/api',
    ],
];
