// Package inherit passes a caller's options on to a component's children where Pulumi does not.
// Pulumi hands a child its parent's providers, Protect and transformations, but not
// RetainOnDelete: without this, a caller's pulumi.RetainOnDelete(true) on a component would keep
// only the component, a logical resource, and `pulumi destroy` would delete every real one.
package inherit

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Options returns the caller's options for RegisterComponentResource: opts, plus, when they ask
// for RetainOnDelete, a transformation that asks it of every resource under the component
// (transformations reach children, grandchildren and nested components).
func Options(opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	if !RetainRequested(opts) {
		return opts
	}
	retain := func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
		return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: append(args.Opts, pulumi.RetainOnDelete(true))}
	}
	return append(append([]pulumi.ResourceOption(nil), opts...), pulumi.Transformations([]pulumi.ResourceTransformation{retain}))
}

// RetainRequested reports whether opts ask for RetainOnDelete.
func RetainRequested(opts []pulumi.ResourceOption) bool {
	o, err := pulumi.NewResourceOptions(opts...)
	return err == nil && o.RetainOnDelete
}
