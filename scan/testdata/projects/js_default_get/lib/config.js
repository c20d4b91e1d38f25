module.exports = {
  zoomApiBase: process.env.ZOOM_API_BASE || 'https://api.zoom.us/v2',
  slackApiBase: 'https://slack.com/api',
};
