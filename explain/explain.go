// Package explain says what a Zoom API error body means for an app's
// scopes and what to do: for a 4711 "does not contain scopes" error, the
// endpoints whose scope alternatives match the listed set (ranked, never
// collapsed into a guess, narrowed to the app's own calls when given) and
// the one least-privileged scope to add for the app type; for token and
// event-subscription errors, the cause and the fix from a table.
package explain

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// ErrNotZoom is returned for text that holds no Zoom error.
var ErrNotZoom = errors.New("not a Zoom error")

// Matches of a candidate endpoint, best first.
const (
	// MatchExact: the endpoint's scope alternatives (without :master
	// variants, which Zoom's list omits) are exactly the listed set.
	MatchExact = "exact"
	// MatchSuperset: they include every listed scope, and more.
	MatchSuperset = "superset"
)

// Kinds of explanation.
const (
	KindMissingScopes = "missing_scopes"
	KindToken         = "token"
	KindEvent         = "event"
)

// Candidate is an endpoint the failed call may have been.
type Candidate struct {
	Endpoint *catalog.Endpoint
	Match    string
}

// Addition is the one scope to add for an app type, with the line to put
// in the manifest's oauth_information.scopes.
type Addition struct {
	App      planner.AppType   `json:"app" yaml:"app"`
	Scope    string            `json:"scope" yaml:"scope"`
	Kind     catalog.ScopeKind `json:"kind" yaml:"kind"`
	Grants   int               `json:"grants" yaml:"grants"`
	Manifest string            `json:"manifest" yaml:"manifest"`
}

// Explanation is what an error means and what to do.
type Explanation struct {
	Error ZoomError
	// Kind is missing_scopes, token or event.
	Kind  string
	Title string
	// Cause and Fix are one paragraph each.
	Cause, Fix string
	// App is the app type the additions are for; AppInferred says it was
	// inferred from the listed scopes' levels.
	App         planner.AppType
	AppInferred bool
	Candidates  []Candidate
	Add         []Addition
	Notes       []string
}

// Options narrow an explanation.
type Options struct {
	// App is the app type (--app); "" infers it from the listed scopes.
	App planner.AppType
	// Calls are the calls the app makes: candidates are narrowed to them.
	Calls []planner.Call
	// Events are the event subscriptions an event error may be about.
	Events []string
}

// knownError is one row of the table of token and event errors.
type knownError struct {
	title, cause, fix string
}

// tokenErrors is the table of errors that are about the token, not about
// a missing scope, by code.
func tokenErrors() map[int]knownError {
	return map[int]knownError{
		124: {"Invalid or expired access token",
			"Zoom could not accept the access token: it expired (access tokens live one hour), it was revoked (the user removed the app, or the app's scopes changed and the user has not re-authorised), it is malformed or truncated, or it belongs to another app or environment. For server-to-server apps, requesting many tokens in a short time invalidates earlier ones.",
			"Request a new access token (refresh_token for OAuth apps, account_credentials for server-to-server apps) and send it as 'Authorization: Bearer TOKEN'; cache one token per app and refresh it before it expires instead of requesting one per call."},
		104: {"Invalid access token or credentials",
			"Zoom could not verify the credentials the request carried: the token is not a Zoom OAuth access token (for example a JWT-app token, a type Zoom retired), or the client ID and secret do not belong to this app.",
			"Create a server-to-server OAuth or OAuth app, request an access token with its client ID and secret, and send it as 'Authorization: Bearer TOKEN'."},
		4700: {"Invalid access token: no scopes, or no token",
			"The request carried no access token, or one that holds no scope this API accepts: the app was authorised before the scopes were added, the scopes were never saved on the app, or the Authorization header was empty.",
			"Add the scopes the calls need to the app (scopeplan plan lists them), have the user (or the account admin) authorise the app again so a new token carries them, and send the token as 'Authorization: Bearer TOKEN'."},
		200: {"No permission",
			"The token is valid and may carry the scopes, but the user it acts for lacks the role permission or the account lacks the feature or plan the operation needs. Adding scopes does not help.",
			"Check the user's role and the account's plan and settings for the feature in the Zoom web portal, or act as a user (or admin) who has it."},
		4702: {"Invalid client",
			"The client ID or client secret is wrong, or the app does not exist (deleted, or another environment).",
			"Copy the client ID and secret again from the app's page in the Zoom Marketplace and request a new token."},
		4704: {"Invalid client secret",
			"The client secret does not match the client ID (rotated, or copied from another app).",
			"Copy the current client secret from the app's page in the Zoom Marketplace and request a new token."},
		4709: {"Redirect URI mismatch",
			"The redirect_uri of the authorisation request is missing or differs from the one registered on the app.",
			"Register the exact redirect URI on the app (scheme, host, path) and send the same value in both the authorise and the token requests."},
	}
}

// Explain explains a Zoom error for the catalog and options.
func Explain(c *catalog.Catalog, ze ZoomError, o Options) (*Explanation, error) {
	if o.App != "" {
		if _, err := planner.ParseAppType(string(o.App)); err != nil {
			return nil, err
		}
	}
	x := &Explanation{Error: ze, Candidates: []Candidate{}, Add: []Addition{}, Notes: []string{}}
	if x.Error.Scopes == nil {
		x.Error.Scopes = []string{}
	}
	switch {
	case strings.Contains(strings.ToLower(ze.Message), "event is not allowed"):
		explainEvent(c, x, o)
		return x, nil
	case len(ze.Scopes) > 0 || ze.Code == 4711 && strings.Contains(strings.ToLower(ze.Message), "scope"):
		if len(ze.Scopes) == 0 {
			x.Kind, x.Title = KindToken, "Token scopes do not match the app's scopes"
			x.Cause = "The token was issued for a different set of scopes than the app now has: the app's scopes were changed after the user authorised it, or the refresh token belongs to an earlier authorisation."
			x.Fix = "Have the user (or the account admin) authorise the app again, so a new token carries the app's current scopes; then use the new refresh token."
			return x, nil
		}
		explainScopes(c, x, o)
		return x, nil
	}
	if k, ok := tokenErrors()[ze.Code]; ok {
		x.Kind, x.Title, x.Cause, x.Fix = KindToken, k.title, k.cause, k.fix
		return x, nil
	}
	return nil, fmt.Errorf("error code %d (%q) is no scope or token error of Zoom that scopeplan can explain", ze.Code, ze.Message)
}

// explainEvent explains "The event is not allowed for the app".
func explainEvent(c *catalog.Catalog, x *Explanation, o Options) {
	x.Kind, x.Title = KindEvent, "Event subscription without its scope"
	x.Cause = "The app subscribes to an event (features.event_subscription.events in the manifest) that none of its scopes allows: each event is delivered only to apps that hold one of the scopes the event requires."
	x.Fix = "Add the event's scope to the app (oauth_information.scopes), or remove the event from the subscription; then save the app and have it authorised again."
	if len(o.Events) == 0 {
		x.Notes = append(x.Notes, "give --event NAME (for example meeting.started) to name the scope to add")
		return
	}
	eventScopes(c, x, o)
}

// explainScopes explains a 4711 error that lists the scopes the call
// would have accepted.
func explainScopes(c *catalog.Catalog, x *Explanation, o Options) {
	x.Kind, x.Title = KindMissingScopes, "The token lacks a scope the call needs"
	x.Cause = "The access token holds none of the scopes the endpoint accepts; Zoom lists them (any one suffices; :master variants are not listed)."
	x.Fix = "Add one of them to the app (the least-privileged one for the app type is below), save the app, and have it authorised again so a new token carries it."
	listed := map[string]bool{}
	classicListed := false
	for _, s := range x.Error.Scopes {
		listed[s] = true
		if _, ok := c.ClassicScope(s); ok {
			if _, g := c.GranularScope(s); !g {
				classicListed = true
			}
		}
		if _, ok := c.Scope(s); !ok {
			x.Notes = append(x.Notes, fmt.Sprintf("%s is in no loaded document (misspelt, or newer than the documents: run scopeplan update)", s))
		}
	}
	// Candidates: endpoints whose non-master alternatives, of the kinds
	// the list uses, equal or include the listed set.
	for _, e := range c.Endpoints {
		alts := map[string]bool{}
		for _, s := range e.Granular {
			if catalog.LevelOf(s) != catalog.LevelMaster {
				alts[s] = true
			}
		}
		if classicListed {
			for _, s := range e.Classic {
				if catalog.LevelOf(s) != catalog.LevelMaster {
					alts[s] = true
				}
			}
		}
		all := true
		for s := range listed {
			all = all && alts[s]
		}
		if !all {
			continue
		}
		m := MatchSuperset
		if len(alts) == len(listed) {
			m = MatchExact
		}
		x.Candidates = append(x.Candidates, Candidate{Endpoint: e, Match: m})
	}
	narrow(c, x, o)
	sort.SliceStable(x.Candidates, func(i, j int) bool {
		a, b := x.Candidates[i], x.Candidates[j]
		if a.Match != b.Match {
			return a.Match == MatchExact
		}
		return a.Endpoint.ID < b.Endpoint.ID
	})
	if len(x.Candidates) == 0 {
		x.Notes = append(x.Notes, "no endpoint of the loaded documents accepts exactly these scopes; the scope to add is still one of them")
	} else if len(x.Candidates) > 1 && len(o.Calls) == 0 {
		x.Notes = append(x.Notes, fmt.Sprintf("%d endpoints accept these scopes; give the app's calls (--call, call files or --scan DIR) to narrow them", len(x.Candidates)))
	}
	// The app type: given, or inferred from the listed levels.
	apps := []planner.AppType{o.App}
	if o.App == "" {
		x.AppInferred = true
		levels := map[catalog.Level]bool{}
		for _, s := range x.Error.Scopes {
			levels[catalog.LevelOf(s)] = true
		}
		switch {
		case levels[catalog.LevelUser] && levels[catalog.LevelAdmin]:
			apps = []planner.AppType{planner.AppUser, planner.AppAdmin}
			x.Notes = append(x.Notes, "the listed scopes are of both user and admin level, so the app type cannot be inferred: one scope to add for each; give --app")
		case levels[catalog.LevelAdmin] || levels[catalog.LevelMaster]:
			apps = []planner.AppType{planner.AppAdmin}
		default:
			apps = []planner.AppType{planner.AppUser}
		}
	}
	if len(apps) == 1 {
		x.App = apps[0]
	}
	for _, app := range apps {
		if a, ok := pick(c, x, app); ok {
			x.Add = append(x.Add, a)
			if g := granularFor(c, x, app); a.Kind == catalog.KindClassic && g != "" {
				x.Notes = append(x.Notes, fmt.Sprintf("the app uses classic scopes (Zoom rejects apps that mix kinds); on granular scopes %s would need only %s", article(app), g))
			}
		} else {
			x.Notes = append(x.Notes, fmt.Sprintf("none of the listed scopes is of a level %s may request; such an app cannot make this call", article(app)))
		}
	}
}

// narrow keeps the candidates the app's calls resolve to, when any do.
func narrow(c *catalog.Catalog, x *Explanation, o Options) {
	if len(o.Calls) == 0 || len(x.Candidates) == 0 {
		return
	}
	called := map[int]bool{}
	for _, call := range o.Calls {
		eps, _ := c.Resolve(call.Spec)
		for _, e := range eps {
			called[e.ID] = true
		}
	}
	var kept []Candidate
	for _, cd := range x.Candidates {
		if called[cd.Endpoint.ID] {
			kept = append(kept, cd)
		}
	}
	if len(kept) == 0 {
		x.Notes = append(x.Notes, fmt.Sprintf("none of the app's %d call(s) is among the %d candidate endpoint(s); all are listed", len(o.Calls), len(x.Candidates)))
		return
	}
	x.Notes = append(x.Notes, fmt.Sprintf("narrowed to the app's calls: %d of %d candidate endpoint(s)", len(kept), len(x.Candidates)))
	x.Candidates = kept
}

// pick chooses the one scope to add for an app type: among the listed
// scopes the app may request that cover every candidate, the one that
// grants the fewest endpoints; granular before classic (Zoom rejects apps
// that mix them, and new apps use granular scopes); then by name.
func pick(c *catalog.Catalog, x *Explanation, app planner.AppType) (Addition, bool) {
	var best *Addition
	for _, s := range x.Error.Scopes {
		if !app.Allows(catalog.LevelOf(s)) {
			continue
		}
		covers := true
		for _, cd := range x.Candidates {
			covers = covers && (slices.Contains(cd.Endpoint.Granular, s) || slices.Contains(cd.Endpoint.Classic, s))
		}
		if !covers {
			continue
		}
		a := Addition{App: app, Scope: s, Kind: catalog.KindGranular}
		if sc, ok := c.GranularScope(s); ok {
			a.Grants = len(sc.Endpoints)
		} else if sc, ok := c.ClassicScope(s); ok {
			a.Kind, a.Grants = catalog.KindClassic, len(sc.Endpoints)
		} else if !catalog.LooksGranular(s) {
			a.Kind = catalog.KindClassic
		}
		a.Manifest = fmt.Sprintf(`{"scope": %q, "optional": false}`, s)
		if best == nil || better(a, *best) {
			best = &a
		}
	}
	if best == nil {
		return Addition{}, false
	}
	return *best, true
}

// granularFor is the least-privileged granular scope of the one
// candidate for an app type, or "" when there are several candidates.
func granularFor(c *catalog.Catalog, x *Explanation, app planner.AppType) string {
	if len(x.Candidates) != 1 {
		return ""
	}
	best, grants := "", 0
	for _, s := range x.Candidates[0].Endpoint.Granular {
		sc, ok := c.GranularScope(s)
		if !ok || !app.Allows(catalog.LevelOf(s)) {
			continue
		}
		if n := len(sc.Endpoints) + len(sc.Events); best == "" || n < grants || n == grants && s < best {
			best, grants = s, n
		}
	}
	return best
}

func better(a, b Addition) bool {
	if a.Kind != b.Kind {
		return a.Kind == catalog.KindGranular
	}
	if a.Grants != b.Grants {
		return a.Grants < b.Grants
	}
	return a.Scope < b.Scope
}

func article(a planner.AppType) string {
	if a == planner.AppAdmin {
		return "an admin app"
	}
	return "a " + string(a) + " app"
}
