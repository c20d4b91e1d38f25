package report

import (
	"fmt"
	"io"
	"strings"
)

// auditRules are the SARIF rules of an audit.
func auditRules() []SARIFRule {
	return []SARIFRule{
		{ID: "AUDIT_UNKNOWN_SCOPE", Description: "A requested scope no Zoom scope document defines.", Level: "error"},
		{ID: "AUDIT_LEVEL_NOT_ALLOWED", Description: "A requested scope at a level the app type cannot request.", Level: "error"},
		{ID: "AUDIT_MIXED_KINDS", Description: "Classic and granular scopes requested together; Zoom rejects such an app.", Level: "error"},
		{ID: "AUDIT_OVER_PRIVILEGED", Description: "A requested scope that no intended call needs.", Level: "warning"},
		{ID: "AUDIT_MISSING_SCOPE", Description: "An intended call that no requested scope covers.", Level: "error"},
		{ID: "AUDIT_OPTIONAL_UNUSED", Description: "An optional requested scope that no intended call needs.", Level: "note"},
		{ID: "AUDIT_REDUNDANT_SCOPE", Description: "A requested scope whose calls other requested scopes already cover.", Level: "warning"},
		{ID: "AUDIT_CANNOT_JUDGE", Description: "A requested scope no mapped call needs but an unmapped call could: the audit cannot say whether it is needed.", Level: "note"},
		{ID: "AUDIT_UNMAPPED_EVENT", Description: "A manifest event subscription the audit cannot map to scopes, so the request cannot be checked against it.", Level: "error"},
		{ID: "AUDIT_ZOOM_APP_SCOPE", Description: "In-client Zoom Apps APIs listed without zoomapp:inmeeting, or zoomapp:inmeeting requested without any.", Level: "error"},
		{ID: "AUDIT_UNMAPPED_CALL", Description: "An intended call that maps to no single endpoint, so the request cannot be checked against it.", Level: "error"},
	}
}

// WriteAuditSARIF writes an audit as SARIF 2.1.0; results point at the
// requested-scopes file when there is one.
func WriteAuditSARIF(w io.Writer, r AuditReport, requestedFile string) error {
	// Results point at the requested-scopes file; scopes given with
	// --scopes have no file, and their results no location.
	file := requestedFile
	var res []SARIFResult
	// Findings about a manifest entry carry its line.
	at := func(rule, level, msg string, line int) {
		res = append(res, SARIFResult{RuleID: rule, Level: level, Message: msg, File: file, Line: line})
	}
	add := func(rule, level, msg string) { at(rule, level, msg, 0) }
	for _, u := range r.Unknown {
		msg := fmt.Sprintf("unknown scope %s", u.Scope)
		if len(u.Suggestions) > 0 {
			msg += "; did you mean " + strings.Join(u.Suggestions, ", ")
		}
		at("AUDIT_UNKNOWN_SCOPE", "error", msg, u.Line)
	}
	for _, l := range r.Levels {
		at("AUDIT_LEVEL_NOT_ALLOWED", "error", l.Scope+": "+l.Reason, l.Line)
	}
	if r.Mixed {
		add("AUDIT_MIXED_KINDS", "error", "the request mixes classic and granular scopes")
	}
	for _, u := range r.OverPrivileged {
		at("AUDIT_OVER_PRIVILEGED", "warning", fmt.Sprintf("%s grants %d endpoint(s), none of them called", u.Scope, u.Grants), u.Line)
	}
	for _, u := range r.OptionalUnused {
		at("AUDIT_OPTIONAL_UNUSED", "note", fmt.Sprintf("optional %s grants %d endpoint(s), none of them called", u.Scope, u.Grants), u.Line)
	}
	for _, u := range r.Redundant {
		at("AUDIT_REDUNDANT_SCOPE", "warning", fmt.Sprintf("%s: other requested scopes already cover every call it covers", u.Scope), u.Line)
	}
	for _, j := range r.CannotJudge {
		at("AUDIT_CANNOT_JUDGE", "note", fmt.Sprintf("%s: no mapped call needs it, but %s could", j.Scope, strings.Join(j.Calls, ", ")), j.Line)
	}
	for _, e := range r.UnmappedEvents {
		at("AUDIT_UNMAPPED_EVENT", "error", fmt.Sprintf("event %s (%s): %s", e.Event, e.Pointer, e.Reason), e.Line)
	}
	if z := r.ZoomAppAPIs; z != nil && z.Missing {
		at("AUDIT_ZOOM_APP_SCOPE", "error", fmt.Sprintf("%d in-client Zoom Apps API(s) listed at %s, but %s is not requested", len(z.APIs), z.Pointer, z.RequiredScope), z.Line)
	}
	if z := r.ZoomAppAPIs; z != nil && z.Unused {
		at("AUDIT_ZOOM_APP_SCOPE", "error", fmt.Sprintf("%s is requested, but the manifest lists no in-client Zoom Apps API", z.RequiredScope), z.Line)
	}
	for _, u := range r.Unmapped {
		add("AUDIT_UNMAPPED_CALL", "error", fmt.Sprintf("call %s: %s", u.Call, u.Reason))
	}
	for _, m := range r.Missing {
		if m.Event != "" {
			at("AUDIT_MISSING_SCOPE", "error", fmt.Sprintf("event %s is allowed by no requested scope; request %s", m.Event, orNone(m.Would)), m.Line)
			continue
		}
		add("AUDIT_MISSING_SCOPE", "error", fmt.Sprintf("call %s is covered by no requested scope; request %s", m.Call, orNone(m.Would)))
	}
	return WriteSARIF(w, auditRules(), res)
}
