// The app's own Express server for Zoom webhooks (test fixture for package
// scan): the routes it serves are not calls to Zoom.
const express = require('express');

const app = express();
const router = express.Router();

app.get('/users/:userId', async (req, res) => {
  res.json({ id: req.params.userId });
});
app.post('/users', createUser);
router.delete('/meetings/:meetingId', (req, res) => res.sendStatus(204));
router.patch('/meetings/{meetingId}', function (req, res) {
  res.sendStatus(204);
});
app.use('/zoom', router);
