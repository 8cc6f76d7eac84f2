// Package fielderr is how every tenk component reports invalid Args: a List of Errors, each
// naming one field by its path ("HealthCheck.Path", `Tags["team"]`, "SubnetIDs[2]") and saying
// what is wrong, the limit and the fix. Modelled on go/scanner.ErrorList and pulumi-go-provider's
// CheckFailure: the list sorts by path, prints every problem on its own line, and callers
// inspect it with errors.As instead of parsing text. A message names other fields through Ref,
// so a caller that knows the fields by other names (the stack's config keys) renders it with
// Error.Render and a lookup, never a rewrite of the text.
package fielderr
