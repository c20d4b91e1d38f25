package planner

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestInputRead: files in order (standard input among them), then calls,
// then events; the app type from App, else the files, else DefaultApp.
func TestInputRead(t *testing.T) {
	yml := writeFile(t, "calls.yaml", "app: admin\ncalls:\n  - GET /users\nevents:\n  - meeting.started\n")
	txt := writeFile(t, "calls.txt", "userSettings\n")
	in := Input{
		Files: []string{yml, "-", txt}, Stdin: strings.NewReader("GET /users/me\n"),
		Calls: []string{"meeting"}, Events: []string{" recording.completed "},
		Labels: InputLabels{Calls: "--call", Events: "--event"},
	}
	calls, app, err := in.Read()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range calls {
		got = append(got, c.Kind()+":"+c.Spec+"@"+filepath.Base(c.File))
	}
	want := "call:GET /users@calls.yaml event:meeting.started@calls.yaml call:GET /users/me@<stdin> call:userSettings@calls.txt call:meeting@--call event:recording.completed@--event"
	if strings.Join(got, " ") != want {
		t.Errorf("calls\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if app != AppAdmin {
		t.Errorf("app %q, want the file's admin", app)
	}

	in = Input{Files: []string{yml}, App: "user", DefaultApp: "master"}
	if _, app, err := in.Read(); err != nil || app != AppUser {
		t.Errorf("App wins over the file: %q, %v", app, err)
	}
	in = Input{Files: []string{txt}, DefaultApp: "master"}
	if _, app, err := in.Read(); err != nil || app != AppMaster {
		t.Errorf("DefaultApp when no file gives one: %q, %v", app, err)
	}
	in = Input{Calls: []string{"x"}}
	if calls, app, err := in.Read(); err != nil || app != "" || len(calls) != 1 || calls[0].File != "call" {
		t.Errorf("no app type, not required: %v %q %v", calls, app, err)
	}
}

// TestInputReadErrors: errors in the arguments are ArgErrors, errors in
// what a file holds are not; every message is one line naming its source.
func TestInputReadErrors(t *testing.T) {
	admin := writeFile(t, "a.yaml", "app: admin\ncalls: [GET /users]\n")
	user := writeFile(t, "u.yaml", "app: user\ncalls: [GET /users]\n")
	bogus := writeFile(t, "b.yaml", "app: root\ncalls: [GET /users]\n")
	empty := writeFile(t, "e.txt", "")
	over := "GET /users\n" + strings.Repeat("#", MaxCallFileSize)
	big := writeFile(t, "big.txt", over)
	lb := InputLabels{Calls: "--call", Events: "--event", App: "--app", DefaultApp: "configuration app"}
	tests := []struct {
		name string
		in   Input
		arg  bool
		msg  string
	}{
		{"stdin twice", Input{Files: []string{"-", "-"}, Stdin: strings.NewReader("a\n")}, true, "standard input (-) given twice"},
		{"no stdin", Input{Files: []string{"-"}}, true, "standard input (-) given but none is available"},
		{"empty call", Input{Calls: []string{" "}, Labels: lb}, true, "--call: empty call"},
		{"empty event", Input{Events: []string{""}, Labels: lb}, true, "--event: empty event name"},
		{"no app", Input{Calls: []string{"x"}, RequireApp: true, Labels: lb}, true, "no app type: give --app user|admin|master or app: in the call file"},
		{"bad app flag", Input{App: "root", Labels: lb}, true, `--app: unknown app type "root" (want user, admin or master)`},
		{"bad default app", Input{DefaultApp: "root", Labels: lb}, false, `configuration app: unknown app type "root" (want user, admin or master)`},
		{"bad file app", Input{Files: []string{bogus}}, false, bogus + `: unknown app type "root" (want user, admin or master)`},
		{"apps disagree", Input{Files: []string{admin, user}}, false, admin + " says app: admin but " + user + " says app: user"},
		{"missing file", Input{Files: []string{filepath.Join(t.TempDir(), "nope")}}, false, "read call file: "},
		{"empty file", Input{Files: []string{empty}}, false, empty + ": no calls: the file is empty"},
		{"file over the limit", Input{Files: []string{big}}, false, "read call file: " + big + " is larger than the limit"},
		{"stdin over the limit", Input{Files: []string{"-"}, Stdin: strings.NewReader(over)}, false, "read call file: <stdin> is larger than the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tc.in.Read()
			if err == nil {
				t.Fatal("no error")
			}
			var ae *ArgError
			if errors.As(err, &ae) != tc.arg {
				t.Errorf("ArgError = %v, want %v (%v)", !tc.arg, tc.arg, err)
			}
			if !strings.HasPrefix(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q, want one line starting %q", err, tc.msg)
			}
		})
	}
}
