package catalog

import "strings"

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
