//go:build js && wasm

// Command wasm runs scopeplan's planner (package planner, through
// report/site/internal/page) in the HTML explorer. It registers two
// JavaScript functions:
//
//	scopeplanLoad(dataJSON) -> "" or an error message
//	scopeplanPlan(requestJSON) -> resultJSON
//
// scopeplanLoad restores the catalog from the page's data block (the JSON
// text the site package wrote); scopeplanPlan plans a request
// ({app, endpoints: [ids], events: [ids]}) with planner.ForItems and
// returns page.Result, or {error: "..."}. The plan builder's plans are
// therefore the planner's own, the same code the CLI runs.
//
// Build it with go generate in report/site; the page embeds the result.
package main

import (
	"syscall/js"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report/site/internal/page"
)

func main() {
	var c *catalog.Catalog
	js.Global().Set("scopeplanLoad", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return "scopeplanLoad takes one argument, the page's data as JSON text"
		}
		cat, err := page.Restore([]byte(args[0].String()))
		if err != nil {
			return err.Error()
		}
		c = cat
		return ""
	}))
	js.Global().Set("scopeplanPlan", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if c == nil {
			return `{"error":"the catalog is not loaded (call scopeplanLoad first)"}`
		}
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return `{"error":"scopeplanPlan takes one argument, the request as JSON text"}`
		}
		return string(page.PlanJSON(c, []byte(args[0].String())))
	}))
	select {} // keep the functions callable
}
