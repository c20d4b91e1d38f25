package catalog

import (
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/internal/editdist"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Event is one event subscription (a webhook): Zoom posts it to an app
// that subscribed to it, and the app must hold one of its scopes to
// subscribe. An event described by several documents is one Event.
type Event struct {
	ID   int    `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
	// Summary is the event's summary, or its description's first sentence.
	Summary string `json:"summary,omitempty" yaml:"summary,omitempty"`
	// Product is the title of the document that describes the event
	// ("Meetings").
	Product string `json:"product" yaml:"product"`
	// Granular and Classic are the scopes that let an app subscribe:
	// sorted alternatives, any one of which suffices.
	Granular []string `json:"granular" yaml:"granular"`
	Classic  []string `json:"classic" yaml:"classic"`
	// Sources lists every place the event is described.
	Sources []record.Source `json:"sources" yaml:"sources"`
	// Refs point at the documents' events.
	Refs []EventRef `json:"refs,omitempty" yaml:"refs,omitempty"`
}

// EventRef points at one event of a webhooks document.
type EventRef struct {
	Doc   int `json:"doc" yaml:"doc"`     // index into Catalog.Documents
	Event int `json:"event" yaml:"event"` // index into that document's Events
}

// Scopeless reports whether no document states a scope for the event.
func (e *Event) Scopeless() bool { return len(e.Granular) == 0 && len(e.Classic) == 0 }

// Label is a short human name: "recording.completed (Meetings)".
func (e *Event) Label() string {
	if e.Product == "" {
		return e.Name
	}
	return e.Name + " (" + e.Product + ")"
}

// addEvents folds a document's events into the catalog: one Event per
// name, with the scopes of every statement that names any (the first
// statement naming granular scopes, and the first naming classic ones).
func (b *builder) addEvents(di int, d *record.Document) {
	for ei := range d.Events {
		ev := &d.Events[ei]
		name := strings.TrimSpace(ev.Name)
		if name == "" {
			continue
		}
		id, ok := b.c.byEvent[name]
		if !ok {
			id = len(b.c.Events)
			b.c.byEvent[name] = id
			b.c.Events = append(b.c.Events, &Event{ID: id, Name: name, Summary: ev.Summary, Product: d.Title})
		}
		e := b.c.Events[id]
		e.Refs = append(e.Refs, EventRef{Doc: di, Event: ei})
		e.Sources = append(e.Sources, ev.Source)
		if e.Summary == "" {
			e.Summary = ev.Summary
		}
		for _, s := range ev.Granular() {
			b.eventGrant(e, s, KindGranular)
		}
		for _, s := range ev.Classic() {
			b.eventGrant(e, s, KindClassic)
		}
	}
}

// eventGrant records that a scope lets an app subscribe to an event.
func (b *builder) eventGrant(e *Event, s record.ScopeRef, kind ScopeKind) {
	sc := b.scope(s.Name, kind)
	sc.Sources = append(sc.Sources, s.Source)
	list := &e.Granular
	if kind == KindClassic {
		list = &e.Classic
	}
	for _, n := range *list {
		if n == s.Name {
			return
		}
	}
	*list = append(*list, s.Name)
	sc.Events = append(sc.Events, e.ID)
}

// finishEvents sorts the events' and scopes' event lists.
func (c *Catalog) finishEvents() {
	for _, e := range c.Events {
		e.Granular = sortedList(e.Granular)
		e.Classic = sortedList(e.Classic)
	}
	for _, s := range c.Scopes {
		sort.Ints(s.Events)
	}
}

// Event returns the event of that name (exact, then case-insensitive).
func (c *Catalog) Event(name string) (*Event, bool) {
	name = strings.TrimSpace(name)
	if id, ok := c.byEvent[name]; ok {
		return c.Events[id], true
	}
	for _, e := range c.Events {
		if strings.EqualFold(e.Name, name) {
			return e, true
		}
	}
	return nil, false
}

// EventsOf returns the events with the given IDs.
func (c *Catalog) EventsOf(ids []int) []*Event {
	out := make([]*Event, 0, len(ids))
	for _, id := range ids {
		if id >= 0 && id < len(c.Events) {
			out = append(out, c.Events[id])
		}
	}
	return out
}

// LooksLikeEvent reports whether a spec is written like an event name
// (resource.action, lower case, no blanks or slashes): "recording.completed".
func LooksLikeEvent(spec string) bool {
	spec = strings.TrimSpace(spec)
	if spec == "" || strings.ContainsAny(spec, " /:#") {
		return false
	}
	dot := strings.IndexByte(spec, '.')
	return dot > 0 && dot < len(spec)-1
}

// SuggestEvent returns up to n event names nearest to name.
func (c *Catalog) SuggestEvent(name string, n int) []string {
	vocab := make([]string, 0, len(c.Events))
	for _, e := range c.Events {
		vocab = append(vocab, e.Name)
	}
	sort.Strings(vocab)
	return editdist.Nearest(name, vocab, n, -1)
}
