package providers_test

import (
	"testing"

	"github.com/tenkstack/tenk/internal/offline/providers"
)

// TestAllHasOneStubPerToken: stubs are passed in, not registered by init functions that guard
// each other's order, so two stubs of one token would silently let the later one win.
func TestAllHasOneStubPerToken(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range providers.All() {
		if seen[s.Token] {
			t.Errorf("two stubs for %s", s.Token)
		}
		seen[s.Token] = true
		if s.Outputs == nil && s.Validate == nil && s.Invoke == nil {
			t.Errorf("the stub for %s answers nothing", s.Token)
		}
	}
}
