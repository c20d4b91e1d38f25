package update

import "fmt"

// ParseSources reads sources given as NAME=URL or NAME=KIND=URL (see
// ParseSource), in order; a name given twice is an error.
func ParseSources(specs []string) ([]Source, error) {
	var sources []Source
	seen := map[string]bool{}
	for _, spec := range specs {
		s, err := ParseSource(spec)
		if err != nil {
			return nil, err
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("%s given twice", s.Name)
		}
		seen[s.Name] = true
		sources = append(sources, s)
	}
	return sources, nil
}
