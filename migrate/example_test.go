package migrate_test

import (
	"context"
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/migrate"
	"github.com/scopeplan/scopeplan/planner"
)

func ExampleRun() {
	c, _, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		log.Fatal(err)
	}
	r, err := migrate.Run(c, []string{"user:read"}, planner.AppUser, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(r.Granted) > 0, r.Equivalent.Granular[:2])
	// Output: true [user:read:collaboration_device user:read:email]
}
