package configschema

import (
	"fmt"
	"reflect"
	"strings"
)

// Row is one setting of a section: the key a stack file writes inside the section's object, the
// field of the root config it sets, what it may be and what it does.
type Row struct {
	// Key is the setting inside its section ("availabilityZoneCount"): the lowerCamel name of the
	// field it sets, flattened with its group's name for a nested path ("scalingMetric" for
	// Scaling.Metric, "accessLogs" for AccessLogs.Enabled).
	Key string
	// Path is the field the setting sets, from the root config ("Web.Scaling.MinSize"); pointers
	// on the way are allocated.
	Path string
	// Limits says what the value may be, for people ("2–3"); the component enforces it.
	Limits string
	// Doc says what the setting does, in one line.
	Doc string

	words []Word
	from  func(string) any

	// Resolved by New from the root type.
	field    reflect.Type // the field's type
	json     reflect.Type // the type a stack file's value decodes into
	declared string       // the Args type and field path that declare the field ("waf.WebAclArgs.RateLimit")
}

// Setting declares a section setting: key, the root path it sets, its limits and a one-line doc.
func Setting(key, path, limits, doc string) Row {
	return Row{Key: key, Path: path, Limits: limits, Doc: doc}
}

// Word is one config word of a setting with choices and the field value it stands for.
type Word struct {
	Word  string
	Value any
}

// OneOf makes a string setting a choice of words, each standing for a field value
// (natGateways "single" → network.NatSingle); any other word is rejected with the words in order.
func (r Row) OneOf(words ...Word) Row {
	r.words = words
	return r
}

// FromString decodes a string setting through f, for a field no string converts to (a
// pulumi.StringInput); f returns nil for "unset".
func (r Row) FromString(f func(string) any) Row {
	r.from = f
	return r
}

// resolve checks the row against the root type and records its field and JSON types.
func (r *Row) resolve(root reflect.Type) error {
	f, declared, err := fieldType(root, r.Path)
	if err != nil {
		return fmt.Errorf("setting %s: %w", r.Key, err)
	}
	r.field, r.declared = f, declared
	base := f
	for base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch {
	case r.words != nil || r.from != nil:
		r.json = reflect.TypeFor[string]()
	case base.Kind() == reflect.Int:
		r.json = reflect.TypeFor[int]()
	case base.Kind() == reflect.Float64:
		r.json = reflect.TypeFor[float64]()
	case base.Kind() == reflect.Bool:
		r.json = reflect.TypeFor[bool]()
	case base.Kind() == reflect.String:
		r.json = reflect.TypeFor[string]()
	case base.Kind() == reflect.Slice && base.Elem().Kind() == reflect.String:
		r.json = reflect.TypeFor[[]string]()
	case base.Kind() == reflect.Map && base.Key().Kind() == reflect.String && base.Elem().Kind() == reflect.String:
		r.json = reflect.TypeFor[map[string]string]() // an object of plain values (an environment)
	default:
		return fmt.Errorf("setting %s: %s has type %s, which no config value decodes into (add FromString)", r.Key, r.Path, f)
	}
	return nil
}

// fieldType is the type of the field at path inside root, and the Args type and path that
// declare it: the last struct on the way that is not the root, with the field's path inside it
// (a field promoted from an embedded struct is declared by that struct).
func fieldType(root reflect.Type, path string) (reflect.Type, string, error) {
	t := root
	var owner reflect.Type
	var inside []string
	for i, name := range strings.Split(path, ".") {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil, "", fmt.Errorf("%s: %s is not a struct", path, t)
		}
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			return nil, "", fmt.Errorf("%s: %s has no field %s", path, t, name)
		}
		if i == 0 {
			owner, inside = f.Type, nil
		} else {
			// A promoted field belongs to the embedded struct that declares it.
			at := t
			for _, idx := range f.Index[:len(f.Index)-1] {
				at = at.Field(idx).Type
				owner, inside = at, nil
			}
			inside = append(inside, name)
		}
		t = f.Type
	}
	for owner != nil && owner.Kind() == reflect.Pointer {
		owner = owner.Elem()
	}
	declared := strings.Join(inside, ".")
	if owner != nil && owner.Kind() == reflect.Struct && declared != "" {
		declared = owner.String() + "." + declared
	}
	return t, declared, nil
}

// kindOf names what a config value of this JSON type must look like.
func kindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(kindOf(t.Elem()), "a ") + "s"
	case reflect.Map:
		return "an object of " + strings.TrimPrefix(kindOf(t.Elem()), "a ") + "s"
	}
	return t.String()
}
