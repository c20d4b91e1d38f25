package zoom

import "fmt"

// Person is a user of the account.
type Person struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// Person fetches one user.
func (c *Client) Person(id string) (Person, error) {
	var p Person
	err := c.do(call{
		Verb: Get,
		Path: fmt.Sprintf(personPath, id),
	}, &p)
	return p, err
}

// People lists the users.
func (c *Client) People() ([]Person, error) {
	var out struct{ Users []Person }
	err := c.do(call{Verb: Get, Path: peoplePath}, &out)
	return out.Users, err
}

// AddToTeam adds members to a group.
func (c *Client) AddToTeam(team string, emails []string) error {
	return c.do(call{Verb: Post, Path: fmt.Sprintf(teamMembersPath, team), Body: emails}, nil)
}

// SetPassword changes a user's password.
func (c *Client) SetPassword(id, pw string) error {
	return c.do(call{Path: fmt.Sprintf(passwordPath, id), Verb: Put, Body: map[string]string{"password": pw}}, nil)
}
