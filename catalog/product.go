package catalog

import (
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// productTable maps the titles and tags API references give their product
// to the product segment of the granular page's doc links
// (/docs/api/rest/reference/<segment>/...). It is the one explicit,
// hand-kept link between the two families of documents; keys are lower case.
func productTable() map[string]string {
	return map[string]string{
		"users":               "user",
		"user":                "user",
		"zoom user":           "user",
		"accounts":            "account",
		"account":             "account",
		"zoom account":        "account",
		"zoom meeting api":    "zoom-api",
		"zoom meeting":        "zoom-api",
		"meetings":            "zoom-api",
		"phone":               "phone",
		"zoom phone":          "phone",
		"team chat":           "chat",
		"chat":                "chat",
		"number management":   "number-management",
		"zoom rooms":          "zoom-rooms",
		"rooms":               "zoom-rooms",
		"contact center":      "contact-center",
		"zoom contact center": "contact-center",
		"marketplace":         "marketplace",
		"zoom mail":           "zoom-mail",
		"mail":                "zoom-mail",
		"zoom calendar":       "zoom-calendar",
		"calendar":            "zoom-calendar",
		"zoom events":         "event",
		"events":              "event",
		"zoom clips":          "clips",
		"clips":               "clips",
		"scim":                "scim-api",
		"billing":             "billing",
		"zoom billing":        "billing",
	}
}

// ProductOf maps an API reference's title (or, failing that, one of its
// tags) to a granular-page product segment. It returns "" when the title
// is not in the table; such a document's operations join by path only.
func ProductOf(title string, tags ...string) string {
	return productIn(productTable(), title, tags...)
}

func productIn(t map[string]string, title string, tags ...string) string {
	if p, ok := t[strings.ToLower(strings.TrimSpace(title))]; ok {
		return p
	}
	for _, tag := range tags {
		if p, ok := t[strings.ToLower(strings.TrimSpace(tag))]; ok {
			return p
		}
	}
	return ""
}

// sameProduct compares product segments case-insensitively (the granular
// page writes a few of them capitalised).
func sameProduct(a, b string) bool { return strings.EqualFold(a, b) }

// pathTable maps the first segment of an API path to the product whose
// reference describes it, for references that name their product nowhere
// else (a Postman export has neither title nor product tags).
func pathTable() map[string]string {
	return map[string]string{
		"users": "user", "groups": "user", "contacts": "user", "divisions": "user",
		"phone":    "phone",
		"meetings": "zoom-api", "webinars": "zoom-api", "past_meetings": "zoom-api", "past_webinars": "zoom-api",
		"chat":              "chat",
		"rooms":             "zoom-rooms",
		"workspaces":        "zoom-rooms",
		"number_management": "number-management",
		"contact_center":    "contact-center",
	}
}

// ReferenceProduct is the granular-page product of an API reference: from
// its title, else its operations' tags, else the product most of its
// paths belong to ("" when none of these is in the tables).
func ReferenceProduct(d *record.Document) string {
	t := productTable()
	p := productIn(t, d.Title)
	for i := 0; p == "" && i < len(d.Operations); i++ {
		p = productIn(t, "", d.Operations[i].Tags...)
	}
	if p != "" {
		return p
	}
	votes := map[string]int{}
	for _, op := range d.Operations {
		if prod := productOfPath(op.Path); prod != "" {
			votes[prod]++
		}
	}
	best := 0
	for prod, n := range votes {
		if n > best || (n == best && prod < p) {
			p, best = prod, n
		}
	}
	return p
}

// productOfPath is the product the path table gives a path's first
// segment, or "".
func productOfPath(p string) string {
	segs := strings.Split(strings.TrimPrefix(TrimPath(p), "/"), "/")
	return pathTable()[segs[0]]
}
