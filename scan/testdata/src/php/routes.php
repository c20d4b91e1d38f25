<?php
// The app's own Laravel routes, behind its Zoom integration (test fixture
// for package scan): routes are not calls.
use Illuminate\Support\Facades\Route;

Route::get('/users/{userId}', [ZoomUserController::class, 'show']);
Route::delete('/meetings/{meetingId}', function (string $meetingId) {
    return response()->noContent();
});
$app->post('/users', 'ZoomUserController@store');
