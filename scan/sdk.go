package scan

// ---- SDK methods ----

// callKeywords may precede a call (as opposed to a declaration's type).
func callKeyword(s string) bool {
	switch s {
	case "return", "await", "yield", "go", "defer", "throw", "new", "not", "and", "or", "in", "of",
		"else", "then", "do", "puts", "print", "echo", "p", "pp", "raise", "assert", "val", "var", "let", "const":
		return true
	}
	return false
}

// sdkCalls reports identifiers named like an operationId that are called.
func (f *fileScan) sdkCalls() {
	for i, t := range f.toks {
		if t.kind != tIdent || !f.isPunct(i+1, "(") {
			continue
		}
		op, ok := f.s.ops[normIdent(bare(t.text))]
		if !ok || !f.isCall(i) || !f.isMember(i-1) {
			continue
		}
		// Only on a Zoom client: another platform's SDK may share the name.
		site, zoom := "", false
		for j := f.exprStart(i); j < i-1 && !zoom; j++ {
			if f.isIdent(j) {
				site, zoom = f.isZoomClient(f.toks[j].text)
			}
		}
		if !zoom {
			continue
		}
		f.via = nil
		if site != "" {
			f.via = []string{site}
		}
		if spec, ok := f.s.resolveOp(op); ok {
			f.report(spec, t.line, Low, KindSDK)
		}
	}
}
