package lint

import (
	"errors"
	"fmt"
	"os"
)

// ReadBaselineFile reads the baseline file at path (see ReadBaseline).
func ReadBaselineFile(path string) (Baseline, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Baseline{}, fmt.Errorf("baseline: %w", err)
	}
	defer fh.Close()
	b, err := ReadBaseline(fh)
	if err != nil {
		return Baseline{}, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// WriteBaselineFile writes a baseline accepting fs to the file at path,
// replacing it (see WriteBaseline).
func WriteBaselineFile(path string, fs []Finding) (err error) {
	fh, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	defer func() {
		if cerr := fh.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("write baseline: %w", cerr))
		}
	}()
	if err := WriteBaseline(fh, fs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
