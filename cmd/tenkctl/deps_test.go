package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestPlanCLILinksNoTestCode: `tenkctl plan` runs the program under the mock monitor of
// internal/offline/monitor, which must stay product code: the binary links neither testing nor
// testify nor the test harness in tests/.
func TestPlanCLILinksNoTestCode(t *testing.T) {
	if found := linkedTestCode(t, "github.com/tenkstack/tenk/cmd/tenkctl"); len(found) > 0 {
		t.Errorf("cmd/tenkctl links test code: %v", found)
	}
	// The check sees test code where it is: package tests is made of it.
	found := linkedTestCode(t, "github.com/tenkstack/tenk/internal/testkit")
	for _, want := range []string{"testing", "github.com/stretchr/testify/require"} {
		if !slices.Contains(found, want) {
			t.Errorf("the check misses %s in package tests: found %v", want, found)
		}
	}
}

// linkedTestCode lists the test-only packages pkg compiles (`go list -deps`).
func linkedTestCode(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/pulumi/pulumi/sdk/v3/go/pulumi") {
		t.Fatalf("go list -deps %s printed no Pulumi SDK: not a dependency list:\n%s", pkg, out)
	}
	var found []string
	for _, d := range deps {
		if d == "testing" || strings.HasPrefix(d, "testing/") ||
			strings.HasPrefix(d, "github.com/stretchr/testify") || d == "github.com/tenkstack/tenk/internal/testkit" {
			found = append(found, d)
		}
	}
	return found
}
