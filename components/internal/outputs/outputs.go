// Package outputs registers a component's outputs from its exported output fields, under the
// property names the multi-language package gives them (provider/schema.json), so no component
// spells those names a second time in a hand-written map.
package outputs

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Name is the property name of an output field: lower camel case with an acronym as one word
// (VpcID → vpcId, CacheClusterIDs → cacheClusterIds, HTTPSPort → httpsPort, URL → url), the
// rule the provider generator names schema properties by (provider/internal/wiregen,
// PropertyName); the conformance check compares the two through provider/schema.json.
func Name(field string) string {
	r := []rune(field)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && wordStart(r, i) {
			b.WriteRune(unicode.ToUpper(c))
		} else {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// wordStart reports whether r[i] begins a word: an upper-case letter after a lower-case letter
// or digit (VpcId), or the last upper-case letter of an acronym that a lower-case word follows
// (HTTPSPort). A plural acronym keeps its "s" (SubnetIDs, URLsByName).
func wordStart(r []rune, i int) bool {
	if !unicode.IsUpper(r[i]) {
		return false
	}
	prev := r[i-1]
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	if i+1 >= len(r) || !unicode.IsLower(r[i+1]) {
		return false
	}
	plural := r[i+1] == 's' && (i+2 == len(r) || unicode.IsUpper(r[i+2]))
	return !plural
}

// Map is a component's outputs: every exported field of the struct c points to that holds a
// Pulumi output, a string, number or bool (named string types such as an Engine included) or a
// []string, under Name of the field. Handles on child resources (pointers, slices of them) and
// the embedded ResourceState are not outputs. An output field left unset is an error: the
// constructor forgot it.
func Map(c any) (pulumi.Map, error) {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("outputs of %T: want a pointer to a component struct", c)
	}
	v = v.Elem()
	out := pulumi.Map{}
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		value, ok, err := input(v.Field(i))
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", v.Type().Name(), f.Name, err)
		}
		if ok {
			out[Name(f.Name)] = value
		}
	}
	return out, nil
}

// Names are the property names Map gives the outputs of the struct c points to, in field order.
func Names(c any) []string {
	t := reflect.TypeOf(c).Elem()
	var names []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && !f.Anonymous && isOutput(f.Type) {
			names = append(names, Name(f.Name))
		}
	}
	return names
}

// Register registers c's outputs (Map): the last call of every component constructor.
func Register(ctx *pulumi.Context, c pulumi.ComponentResource) error {
	m, err := Map(c)
	if err != nil {
		return err
	}
	return ctx.RegisterResourceOutputs(c, m)
}

var (
	outputType      = reflect.TypeOf((*pulumi.Output)(nil)).Elem()
	stringSliceType = reflect.TypeOf([]string(nil))
)

// isOutput reports whether a field of type t is an output (see Map).
func isOutput(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		return true
	}
	return t == stringSliceType || (t.Kind() == reflect.Struct && t.Implements(outputType))
}

// input converts one field to a pulumi.Input; ok is false for a field that is not an output.
func input(v reflect.Value) (in pulumi.Input, ok bool, err error) {
	if !isOutput(v.Type()) {
		return nil, false, nil
	}
	switch v.Kind() {
	case reflect.String:
		return pulumi.String(v.String()), true, nil
	case reflect.Bool:
		return pulumi.Bool(v.Bool()), true, nil
	case reflect.Int, reflect.Int64:
		return pulumi.Int(int(v.Int())), true, nil
	case reflect.Float64:
		return pulumi.Float64(v.Float()), true, nil
	case reflect.Slice:
		return pulumi.ToStringArray(v.Interface().([]string)), true, nil
	}
	if v.IsZero() {
		return nil, false, fmt.Errorf("is never set: assign it before registering the outputs")
	}
	return v.Interface().(pulumi.Input), true, nil
}
