package tests_test

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// update regenerates the golden resource snapshots: go test ./tests -run TestGolden -update
var update = flag.Bool("update", false, "rewrite tests/golden/*.txt from the current program")

// snapshot lists every resource as "type name ← parent type::parent name", sorted, so a diff shows
// exactly which resource was added, removed, renamed or re-parented.
func snapshot(t *testing.T, stack string) string {
	t.Helper()
	m := runStack(t, stack, nil)
	lines := make([]string, 0, len(m.Resources()))
	for _, r := range m.Resources() {
		parent := "stack"
		if r.ParentType() != "" {
			parent = r.ParentType() + "::" + r.ParentName()
		}
		lines = append(lines, r.Type+" "+r.Name+" ← "+parent)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// TestGoldenResources fails when a change adds, removes, renames or re-parents any resource of
// the dev or prod stack. A rename replaces the resource in AWS (for a database: a new, empty
// one), so such changes must be deliberate: regenerate with -update and review the diff.
func TestGoldenResources(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			got := snapshot(t, stack)
			path := filepath.Join("golden", stack+".txt")
			if *update {
				require.NoError(t, os.MkdirAll("golden", 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "no golden snapshot: run go test ./tests -run TestGoldenResources -update")
			require.Equal(t, string(want), got, "the %s stack's resources changed; if deliberate, run go test ./tests -run TestGoldenResources -update and commit the diff", stack)
		})
	}
}
