package conformance

import (
	"errors"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
)

// name is the logical name every check gives the component.
const name = "conf"

// Check runs every rule of the package doc on c as a subtest and fails t on each one broken.
func Check(t *testing.T, c Component) {
	t.Helper()
	for _, rule := range rules {
		t.Run(rule.name, func(t *testing.T) {
			if err := rule.check(c); err != nil {
				t.Errorf("%s: %v", c.Token, err)
			}
		})
	}
}

// Verify runs every rule on c and returns what it breaks, one line per problem; nil when c
// conforms.
func Verify(c Component) error {
	var errs []error
	for _, rule := range rules {
		if err := rule.check(c); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", rule.name, err))
		}
	}
	return errors.Join(errs...)
}

// rules are the checks in the order Check runs them.
var rules = []struct {
	name  string
	check func(Component) error
}{
	{"children", checkChildren},
	{"caller options", checkCallerOptions},
	{"stable URNs", checkStableURNs},
	{"count renames nothing", checkCountRenamesNothing},
	{"import weight", checkImportWeight},
	{"outputs match the schema", checkOutputs},
}

// build runs c.New once under mocks with tenk's stubs and returns the recording.
func build(c Component, count int, opts ...pulumi.ResourceOption) (*monitor.Mocks, error) {
	m := monitor.NewMocks(providers.All()...)
	return monitor.Run(func(ctx *pulumi.Context) error {
		return c.New(ctx, name, count, opts...)
	}, monitor.RunOptions{Mocks: m})
}

// component returns the one registration of c's type token.
func component(m *monitor.Mocks, token string) (monitor.Resource, error) {
	list := m.ByType(token)
	if len(list) != 1 {
		return monitor.Resource{}, fmt.Errorf("%d registrations of %s, want 1", len(list), token)
	}
	return list[0], nil
}
