package main

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// stringInputs turns a wire list of IDs into the Go library's one-input-per-entry slice, keeping
// each entry's dependencies. A list whose value is not known yet (a preview before the network
// exists) is read as count entries of it: per-AZ lists (subnets) are sized by the AZ count, and
// a list with count < 0 (security groups, roles) must have a known length.
func stringInputs(ctx *pulumi.Context, list pulumi.StringArrayInput, property string, count int) ([]pulumi.StringInput, error) {
	if list == nil {
		return nil, nil
	}
	if known, ok := list.(pulumi.StringArray); ok {
		return []pulumi.StringInput(known), nil
	}
	out := list.ToStringArrayOutput()
	res, err := internals.UnsafeAwaitOutput(ctx.Context(), out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", property, err)
	}
	n := count
	switch {
	case res.Known:
		values, _ := res.Value.([]string)
		n = len(values)
	case count < 0:
		return nil, fmt.Errorf("%s must have a known length when the component is built: pass a list literal (its entries may be outputs), not one output holding a whole list", property)
	case count == 0:
		return nil, fmt.Errorf("%s is not known yet (a preview before the resources it comes from exist): set availabilityZoneCount to the number of entries it will hold", property)
	}
	ids := make([]pulumi.StringInput, n)
	for i := range ids {
		ids[i] = out.Index(pulumi.Int(i))
	}
	return ids, nil
}

// stringArrayInputs turns a wire list of lists (each component's alarm ARNs) into the Go
// library's one-input-per-list slice. The outer list must have a known length: a list literal
// whose entries may be outputs.
func stringArrayInputs(ctx *pulumi.Context, lists pulumi.StringArrayArrayInput, property string) ([]pulumi.StringArrayInput, error) {
	if lists == nil {
		return nil, nil
	}
	if known, ok := lists.(pulumi.StringArrayArray); ok {
		return []pulumi.StringArrayInput(known), nil
	}
	out := lists.ToStringArrayArrayOutput()
	res, err := internals.UnsafeAwaitOutput(ctx.Context(), out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", property, err)
	}
	if !res.Known {
		return nil, fmt.Errorf("%s must have a known length when the component is built: pass a list literal (its entries may be outputs), not one output holding a whole list", property)
	}
	values, _ := res.Value.([][]string)
	inputs := make([]pulumi.StringArrayInput, len(values))
	for i := range inputs {
		inputs[i] = out.Index(pulumi.Int(i))
	}
	return inputs, nil
}

// knownStrings resolves a wire list that decides what the component creates (AZ names): it
// must be known when the component is built. The network's availabilityZoneNames always are.
func knownStrings(ctx *pulumi.Context, list pulumi.StringArrayInput, property string) ([]string, error) {
	if list == nil {
		return nil, nil
	}
	res, err := internals.UnsafeAwaitOutput(ctx.Context(), list.ToStringArrayOutput())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", property, err)
	}
	if !res.Known {
		return nil, fmt.Errorf("%s must be known when the component is built: pass the Network's availabilityZoneNames (known at preview) or literal AZ names", property)
	}
	// The names become plain Go values (subnet groups, placement), stored unencrypted: unwrapping a
	// secret here would publish it.
	if res.Secret {
		return nil, fmt.Errorf("%s must not be secret: the AZ names decide which resources are created and are stored in plain text; pass the Network's availabilityZoneNames or literal AZ names", property)
	}
	values, _ := res.Value.([]string)
	return values, nil
}

// stringInputMap turns a wire map into the Go library's map of inputs. Its keys decide what the
// component creates (one parameter or attachment per key), so they must be known.
func stringInputMap(ctx *pulumi.Context, m pulumi.StringMapInput, property string) (map[string]pulumi.StringInput, error) {
	if m == nil {
		return nil, nil
	}
	if known, ok := m.(pulumi.StringMap); ok {
		return map[string]pulumi.StringInput(known), nil
	}
	out := m.ToStringMapOutput()
	res, err := internals.UnsafeAwaitOutput(ctx.Context(), out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", property, err)
	}
	if !res.Known {
		return nil, fmt.Errorf("%s must have known keys when the component is built: pass a map literal whose values may be outputs", property)
	}
	values, _ := res.Value.(map[string]string)
	inputs := make(map[string]pulumi.StringInput, len(values))
	for k := range values {
		inputs[k] = out.MapIndex(pulumi.String(k))
	}
	return inputs, nil
}

var goFieldRe = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*\b`)

// fieldProblem is a validation problem that knows its field path (tenk's fielderr.Error, read
// through its methods since the provider cannot import components/internal).
type fieldProblem interface {
	error
	Field() string
	Render(name func(path string) string) string
}

// wireError rewrites the Go field names in a validation error to the property names a user of
// the package typed: a field problem is rendered with its path in property names
// ("HealthCheck.TimeoutSeconds is 20…" reads "healthCheck.timeoutSeconds is 20…"); any other
// text has its Go field names replaced word by word.
func wireError(err error, properties map[string]string) error {
	rename := func(id string) string {
		if p, ok := properties[id]; ok {
			return p
		}
		return id
	}
	// A path's field names are renamed; map keys and indexes (Tags["Name"], [2]) are data.
	path := func(p string) string {
		return pathPartRe.ReplaceAllStringFunc(p, func(part string) string {
			if strings.HasPrefix(part, "[") {
				return part
			}
			return rename(part)
		})
	}
	problems := fieldProblems(err)
	text := err.Error()
	for i, p := range problems {
		text = strings.Replace(text, p.Error(), "\x00"+itoa(i)+"\x00", 1)
	}
	text = goFieldRe.ReplaceAllStringFunc(text, rename)
	for i, p := range problems {
		text = strings.Replace(text, "\x00"+itoa(i)+"\x00", p.Render(path), 1)
	}
	return errors.New(text)
}

// pathPartRe splits a Go field path into field names and bracketed keys or indexes.
var pathPartRe = regexp.MustCompile(`\[[^\]]*\]|[A-Za-z0-9_]+`)

// fieldProblems are the field problems in err's tree.
func fieldProblems(err error) []fieldProblem {
	if p, ok := err.(fieldProblem); ok {
		return []fieldProblem{p}
	}
	var out []fieldProblem
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			out = append(out, fieldProblems(inner)...)
		}
	case interface{ Unwrap() error }:
		out = fieldProblems(e.Unwrap())
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
