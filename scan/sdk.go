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

// isCall reports whether identifier i (followed by "(") is called rather
// than declared.
func (f *fileScan) isCall(i int) bool {
	if f.isMember(i - 1) {
		return true
	}
	prev := f.tok(i - 1)
	switch {
	case i == 0:
	case prev.kind == tIdent && !callKeyword(prev.text):
		return false // def x(, func x(, function x(, Type x(
	case f.isPunct(i-1, ")", "@"):
		return false // Go method declaration, decorator
	}
	c := f.matchClose(f.callOpen(i))
	if c < 0 {
		return false
	}
	// A body opening on the same line, before anything that continues an
	// expression, makes a declaration: meetingCreate(x) {, or with a
	// return type, userSettings(id: string): string {.
	line := f.toks[c].line
	for j := c + 1; j < len(f.toks) && j < c+12 && f.toks[j].line == line; j++ {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "{":
			return false
		case "(", ")", ";", ",", ".", "=", "?.", "->":
			return true
		}
	}
	return true
}
