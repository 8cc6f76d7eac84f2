// Package conformance checks that a component keeps the rules every tenk component follows, in
// the spirit of testing/fstest.TestFS: a component's test describes it once (Component) and calls
// Check, which builds it under mocks several times and reports every rule it breaks:
//
//   - children: every resource it registers is parented under it (directly or through another
//     child) and named "<component name>-…";
//   - caller options: a caller's Parent, Provider, Protect, RetainOnDelete and DependsOn reach the
//     component and its resources and lookups (Pulumi inherits provider and protect from the
//     parent, so a child that overrides its parent or an invoke without one breaks this; it does
//     not inherit RetainOnDelete, which components pass on with package inherit), and a component
//     given a provider makes none of its own from the stack's settings;
//   - identical inputs give identical URNs;
//   - raising the component's count (replicas, AZs, nodes) renames nothing that existed before;
//   - import weight: the package compiles only the pulumi-aws services of its Budget and no other
//     component;
//   - outputs: the outputs it registers (package outputs, from its struct's exported fields) are
//     the properties provider/schema.json lists for its token, under the same names.
//
// It is for tests only (it imports testing); Verify returns the problems as an error, which is
// how the package's own tests show that each rule fails on a deliberately broken component.
package conformance
