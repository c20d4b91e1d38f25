package scan

// findings collects what a file pass reports: calls, skipped candidates,
// and the evidence chain (via) of the call being analysed, which each
// reported call carries.
type findings struct {
	// file is the name of the file (what calls and skips report it by).
	file    string
	calls   []Call
	skipped []Skipped
	via     []string
}

// report records a call, with the current evidence chain.
func (fs *findings) report(spec string, line int, conf Confidence, kind Kind) {
	via := append([]string{}, fs.via...)
	fs.calls = append(fs.calls, Call{Call: spec, File: fs.file, Line: line, Confidence: conf, Kind: kind, Via: via})
}

// skip records something that looks like a Zoom call but is not reported.
func (fs *findings) skip(line int, text, reason string, cands []string) {
	fs.skipped = append(fs.skipped, Skipped{File: fs.file, Line: line, Text: text, Reason: reason, Candidates: cands})
}
