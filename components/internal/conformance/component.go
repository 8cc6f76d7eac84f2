package conformance

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Component describes one component for Check.
type Component struct {
	// Token is the component's type token ("tenk:index:Network").
	Token string
	// New registers the component with the given logical name and caller options; count is the
	// value of its count (Counts), ignored by a component without one. New must build the same
	// inputs every time it is called with the same count.
	New func(ctx *pulumi.Context, name string, count int, opts ...pulumi.ResourceOption) error
	// Counts are a count and a larger one (AZs 2 then 3, replicas 0 then 2), for the check that
	// raising it renames nothing; zero when the component has no count.
	Counts [2]int
	// Package is the component's import path, for the import-weight check. Default: the package
	// of Outputs' struct; "" with no Outputs skips the check.
	Package string
	// Budget is the import weight the package may have.
	Budget Budget
	// Outputs is a zero value of the component's struct (&cache.CacheCluster{}), for the check
	// that the outputs it registers are the properties provider/schema.json lists for Token; nil
	// skips it (a component outside the multi-language package).
	Outputs any
	// Unprotected are the types of the children the component never protects, even under a
	// caller's Protect, each because it must stay replaceable (webtier's lambda.Invocation: every
	// new release replaces it). Each listed type must occur and be unprotected; every other child
	// must be protected.
	Unprotected []string
}

// Budget is what a component package may compile.
type Budget struct {
	// AWS are the pulumi-aws service packages ("ec2", "cloudwatch") the package may import,
	// directly or through components/internal; each must be used, so the budget stays tight.
	AWS []string
}

// count is the count builds use when they do not vary it.
func (c Component) count() int { return c.Counts[0] }

// pkg is the import path the import-weight check reads: Package, else Outputs' package.
func (c Component) pkg() string {
	if c.Package != "" || c.Outputs == nil {
		return c.Package
	}
	return reflect.TypeOf(c.Outputs).Elem().PkgPath()
}
