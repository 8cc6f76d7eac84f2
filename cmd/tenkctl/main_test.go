package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
)

// update rewrites the golden files: go test ./cmd/tenkctl/... -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden runs `tenkctl plan` on the repository's real stack files in every format and
// compares the output with testdata/<stack>.<format>.golden. After a change to the stacks or
// components, review the change and regenerate with -update.
func TestGolden(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for format, ext := range map[string]string{"text": "txt", "markdown": "md", "json": "json"} {
			t.Run(stack+"/"+format, func(t *testing.T) {
				out := run(t, 0, "plan", "-s", stack, "--format", format, "--root", "../..")
				golden(t, filepath.Join("testdata", stack+"."+ext+".golden"), out)
			})
		}
	}
}

// TestGoldenDiff plans prod against a base plan with one AZ fewer, as the pull-request workflow
// does against the base branch.
func TestGoldenDiff(t *testing.T) {
	base, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod", Overrides: map[string]string{"tenk:network": `{"availabilityZoneCount": 2}`}})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, plan.RenderJSON(&buf, base, nil))
	path := filepath.Join(t.TempDir(), "base.json")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	out := run(t, 0, "plan", "-s", "prod", "--format", "markdown", "--diff", path, "--root", "../..")
	golden(t, filepath.Join("testdata", "prod-diff.md.golden"), out)
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage: tenkctl plan -s STACK"},
		{[]string{"apply"}, 2, `unknown command "apply"`},
		{[]string{"plan", "-s", "prod", "--format", "yaml", "--root", "../.."}, 2, `--format is "yaml": use text, markdown or json`},
		{[]string{"plan", "--root", "../.."}, 1, "no stack: pass -s <stack>"},
		{[]string{"plan", "-s", "staging", "--root", "../.."}, 1, `stack "staging"`},
		{[]string{"plan", "-s", "prod", "--diff", "missing.json", "--root", "../.."}, 1, "--diff: open missing.json"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, tc.code, plan.Main(tc.args, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tc.want)
		})
	}
}

func run(t *testing.T, code int, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	require.Equal(t, code, plan.Main(args, &stdout, &stderr), stderr.String())
	return stdout.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file: run go test ./cmd/tenkctl/... -update")
	assert.Equal(t, string(want), got, "%s is out of date: review the change, then run go test ./cmd/tenkctl/... -update", path)
}
