package zoom

// Paths of the endpoints this package wraps.
const (
	personPath      = "/users/%s"
	peoplePath      = "/users"
	teamMembersPath = "/groups/%s/members"
)

const passwordPath = "/users/%s/password"
