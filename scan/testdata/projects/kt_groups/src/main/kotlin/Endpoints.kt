package acme.groups

object Endpoints {
    const val ZOOM = "https://api.zoom.us/v2"
    const val SLACK = "https://slack.com/api"
}
