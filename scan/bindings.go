package scan

// bindings is what the file and the project pass say a name holds:
// Zoom's base URL, another host's, or a Zoom client. The project pass
// fills it; the file pass asks it.
type bindings struct {
	// zoomBases are identifiers the file assigns Zoom's base URL to;
	// otherBases those it assigns another host's URL to.
	zoomBases, otherBases map[string]bool
	// zoomClients are identifiers holding an HTTP client built with
	// Zoom's base URL (axios.create({baseURL: …}), new Client([…])).
	zoomClients map[string]bool
	// baseSites: where each of zoomBases is assigned ("file:line name").
	baseSites map[string]string
	// notClients are names the file assigns something other than a Zoom client.
	notClients map[string]bool
	// proj is what the project pass learnt about every file.
	proj *project
}

// baseOf says whether a name holds Zoom's base URL, in this file (its
// own assignments first) or the project, with the evidence.
func (bs *bindings) baseOf(name string) (string, bool) {
	name = bare(name)
	if name == "" {
		return "", false
	}
	if bs.zoomBases[name] {
		return bs.baseSites[name], true
	}
	if bs.otherBases[name] {
		return "", false
	}
	if bs.proj != nil {
		if s, ok := bs.proj.bases[name]; ok {
			return s, true
		}
	}
	if zoomBaseName(name) {
		return "", true
	}
	return "", false
}

// isOther says whether a name holds another host's URL.
func (bs *bindings) isOther(name string) bool {
	name = bare(name)
	if bs.otherBases[name] {
		return true
	}
	if bs.zoomBases[name] {
		return false
	}
	if bs.proj != nil && bs.proj.others[name] {
		_, zoom := bs.proj.bases[name]
		return !zoom
	}
	return false
}

// isZoomClient reports whether a receiver name is a Zoom client here.
func (bs *bindings) isZoomClient(name string) (string, bool) {
	name = bare(name)
	if zoomClientName(name) {
		return "", true
	}
	if bs.zoomClients[name] {
		return bs.proj.clients[name], true
	}
	if bs.notClients[name] {
		return "", false
	}
	s, ok := bs.proj.clients[name]
	return s, ok
}
