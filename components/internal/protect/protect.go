// Package protect gives components one way to honour their Protect field: the component
// registers itself with Stateful(args.Protect), and every child whose type holds data
// (internal/stateful: databases, caches, tables, buckets, secrets) is created with
// pulumi.Protect, whichever file creates it. Other children stay deletable, so a stack can still
// replace a security group or an alarm.
package protect

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/stateful"
)

// Stateful is the option a component adds to its own registration. When on is false it does
// nothing. Children inherit it through their parent, so it also covers nested components.
func Stateful(on bool) pulumi.ResourceOption {
	if !on {
		return pulumi.Transformations(nil)
	}
	return pulumi.Transformations([]pulumi.ResourceTransformation{protectStateful})
}

func protectStateful(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
	if !stateful.Is(args.Type) {
		return nil
	}
	opts := append(append([]pulumi.ResourceOption{}, args.Opts...), pulumi.Protect(true))
	return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: opts}
}

// Register returns a component's registration options: the caller's, then Stateful(on). The
// caller's slice is never appended to.
func Register(on bool, opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, opts...), Stateful(on))
}
