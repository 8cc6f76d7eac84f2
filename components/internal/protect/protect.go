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

// Register returns a component's registration options: the caller's, then one transformation
// that protects the stateful children when on and passes a caller's RetainOnDelete on to every
// child (what inherit.Options does for components without Protect). One transformation, not
// two: the Go SDK (v3.274.1, applyTransformations) hands every transformation the original
// options and keeps the last result, so a second one would drop the first one's option. The
// caller's slice is never appended to.
func Register(on bool, opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	out := append([]pulumi.ResourceOption{}, opts...)
	retain := inherit.RetainRequested(opts)
	if !on && !retain {
		return out
	}
	return append(out, pulumi.Transformations([]pulumi.ResourceTransformation{
		func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
			var add []pulumi.ResourceOption
			if retain {
				add = append(add, pulumi.RetainOnDelete(true))
			}
			if on && stateful.Is(args.Type) {
				add = append(add, pulumi.Protect(true))
			}
			if add == nil {
				return nil
			}
			return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: append(append([]pulumi.ResourceOption{}, args.Opts...), add...)}
		},
	}))
}
