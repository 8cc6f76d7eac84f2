package monitor

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Resource is one registration the mock monitor saw: a custom resource, a local component or a
// remote component such as awsx's Vpc.
type Resource struct {
	URN            string
	Type           string
	Name           string
	ID             string
	Custom         bool
	Remote         bool
	Parent         string
	Dependencies   []string
	Protect        bool
	RetainOnDelete bool
	Provider       string
	IgnoreChanges  []string
	// ReplaceOnChanges are the properties whose change replaces the resource (the
	// pulumi.ReplaceOnChanges option).
	ReplaceOnChanges []string
	// Inputs are the properties the program sent, secrets unwrapped and unknowns left out.
	Inputs map[string]any
	// Raw keeps the inputs as the monitor received them, secrets and unknowns included.
	Raw resource.PropertyMap
}

// Get returns the input at a dotted path ("healthCheck.path", "ingress.0.fromPort") and whether
// it was set.
func (r Resource) Get(path string) (any, bool) {
	var cur any = r.Inputs
	for _, part := range strings.Split(path, ".") {
		switch node := cur.(type) {
		case map[string]any:
			v, ok := node[part]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			var i int
			if _, err := fmt.Sscanf(part, "%d", &i); err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			cur = node[i]
		default:
			return nil, false
		}
	}
	return cur, cur != nil
}

// String returns the string input at path, or "" when it is unset or not a string.
func (r Resource) String(path string) string {
	v, _ := r.Get(path)
	s, _ := v.(string)
	return s
}

// Bool returns the boolean input at path, or false when it is unset.
func (r Resource) Bool(path string) bool {
	v, _ := r.Get(path)
	b, _ := v.(bool)
	return b
}

// Number returns the numeric input at path, or 0 when it is unset.
func (r Resource) Number(path string) float64 {
	v, _ := r.Get(path)
	f, _ := v.(float64)
	return f
}

// Strings returns the string list at path (non-strings skipped), or nil when it is unset.
func (r Resource) Strings(path string) []string {
	v, _ := r.Get(path)
	list, _ := v.([]any)
	var out []string
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Has reports whether the input at path was set to a non-null value.
func (r Resource) Has(path string) bool {
	_, ok := r.Get(path)
	return ok
}

// ParentName returns the logical name of the resource's parent, or "" for the stack itself.
func (r Resource) ParentName() string {
	if r.Parent == "" {
		return ""
	}
	u := resource.URN(r.Parent)
	if u.QualifiedType() == resource.RootStackType {
		return ""
	}
	return u.Name()
}

// ParentType returns the type token of the resource's parent, or "" for the stack itself.
func (r Resource) ParentType() string {
	if r.Parent == "" {
		return ""
	}
	u := resource.URN(r.Parent)
	if u.QualifiedType() == resource.RootStackType {
		return ""
	}
	return string(u.Type())
}
