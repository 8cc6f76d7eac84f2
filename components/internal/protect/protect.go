// Package protect gives components one way to honour their Protect field: the component
// registers itself with Register(args.Protect, opts), and every child whose type holds data
// (internal/stateful: databases, caches, tables, buckets, secrets) is created with
// pulumi.Protect, whichever file creates it. Other children stay deletable, so a stack can still
// replace a security group or an alarm.
package protect

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/internal/stateful"
)

// Register returns a component's registration options: the caller's, with a caller's
// RetainOnDelete passed on to every child (inherit.Options) and, when on, Protect on the
// stateful ones, in one transformation (inherit.WithProtect says why one). The caller's slice is
// never appended to.
func Register(on bool, opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	if !on {
		return inherit.Options(opts)
	}
	return inherit.WithProtect(opts, stateful.Is)
}
