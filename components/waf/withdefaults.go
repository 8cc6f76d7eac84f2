package waf

// WithDefaults returns a copy of the args with every unset field at its documented default, for a
// component called name (the default web ACL name): the values the component builds from. The
// tenk stacks compare it with the values a stack file sets, so a value the component would read as
// unset (a 0 it replaces) is reported, never swapped.
func (a WebAclArgs) WithDefaults(name string) WebAclArgs { return a.withDefaults(name) }
