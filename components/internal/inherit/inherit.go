// Package inherit passes a caller's options on to a component's children where Pulumi does not.
// Pulumi hands a child its parent's providers, Protect and transformations, but not
// RetainOnDelete: without this, a caller's pulumi.RetainOnDelete(true) on a component would keep
// only the component, a logical resource, and `pulumi destroy` would delete every real one.
package inherit

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Options returns the caller's options for RegisterComponentResource: opts, plus, when they ask
// for RetainOnDelete, a transformation that asks it of every resource under the component
// (transformations reach children, grandchildren and nested components).
func Options(opts []pulumi.ResourceOption) []pulumi.ResourceOption { return WithProtect(opts, nil) }

// WithProtect is Options plus pulumi.Protect on every resource under the component whose type
// protect reports (nil: none). Both go into one transformation: the Go SDK (v3.274.1,
// applyTransformations) hands every transformation the original options and keeps the last
// result, so a second transformation would drop the first one's option. The caller's slice is
// never appended to.
func WithProtect(opts []pulumi.ResourceOption, protect func(typ string) bool) []pulumi.ResourceOption {
	retain := RetainRequested(opts)
	if !retain && protect == nil {
		return opts
	}
	transform := func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
		var add []pulumi.ResourceOption
		if retain {
			add = append(add, pulumi.RetainOnDelete(true))
		}
		if protect != nil && protect(args.Type) {
			add = append(add, pulumi.Protect(true))
		}
		if add == nil {
			return nil
		}
		return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: append(append([]pulumi.ResourceOption(nil), args.Opts...), add...)}
	}
	return append(append([]pulumi.ResourceOption(nil), opts...), pulumi.Transformations([]pulumi.ResourceTransformation{transform}))
}

// RetainRequested reports whether opts ask for RetainOnDelete.
func RetainRequested(opts []pulumi.ResourceOption) bool {
	o, err := pulumi.NewResourceOptions(opts...)
	return err == nil && o.RetainOnDelete
}
