package configschema

import "reflect"

// Section is one `<namespace>:<name>` object key: its settings, the component Args they set, the
// baselines that hold only for some engines or modes, and how the stack checks its components.
type Section[R any] struct {
	// Name is the section's key: tenk:<name>.
	Name string
	// Args is the root path of the component Args the section configures ("Network"); the
	// README names the section after its type. Rows may set fields elsewhere in the root too.
	Args string
	// Summary completes "Overrides of the <summary> baseline" and "which the <summary> reads as
	// unset" ("network", "web tier").
	Summary string
	// Rows are the settings, in the order the docs list them.
	Rows []Row
	// Aliases name root paths no row sets but whose errors the stack can cause: a key
	// ("tenk:domain"), a setting of this section ("instanceClass"), or a phrase (with a space).
	Aliases map[string]string
	// Baseline sets the section's baseline values on cfg, whose other fields (the environment)
	// are already set.
	Baseline func(cfg *R)
	// Variants are the baselines that hold only for some engines or modes (see Variant).
	Variants []Variant[R]
	// Parts builds the section's component Args from a root config as the program would, with
	// placeholder wiring, for Check and for the docs' baseline columns.
	Parts func(cfg R) []Part
}

// Part is one component's Args as the program builds them from a root config.
type Part struct {
	// Path is where the Args sit in the root ("Web"); rows under it are read from Effective.
	Path string
	// Effective is the built Args after the component's defaults (its WithDefaults).
	Effective any
	// Err is the component's Validate on the built Args; nil when the component is off.
	Err error
	// Summary names the component in messages when it is not the section's ("web ACL").
	Summary string
}

// row returns the section's setting key.
func (s Section[R]) row(key string) (Row, bool) {
	for _, r := range s.Rows {
		if r.Key == key {
			return r, true
		}
	}
	return Row{}, false
}

// Keys lists the section's settings in order.
func (s Section[R]) Keys() []string {
	out := make([]string, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = r.Key
	}
	return out
}

// TopKey is one top-level key, `<namespace>:<key>`, set as a plain value (strings as they are,
// booleans as "true"/"false", lists as JSON, as the Pulumi CLI passes them).
type TopKey struct {
	// Key is the key after the namespace ("domain").
	Key string
	// Path is the root field it sets ("Domain").
	Path string
	// Doc says what the key does; Markdown.
	Doc string

	required bool
	field    reflect.Type
}

// Top declares a top-level key: key, the root field it sets and its doc. Its default is the
// field's zero value ("", false, []).
func Top(key, path, doc string) TopKey { return TopKey{Key: key, Path: path, Doc: doc} }

// Required marks a key without a default.
func (k TopKey) Required() TopKey {
	k.required = true
	return k
}

// typeName is the key's type as Pulumi.yaml declares it.
func (k TopKey) typeName() string {
	switch k.field.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Slice:
		return "array of string"
	}
	return "string"
}

// declaration is the key's type and default as Pulumi.yaml declares them.
func (k TopKey) declaration() string {
	switch {
	case k.required:
		return "    type: string\n"
	case k.field.Kind() == reflect.Bool:
		return "    type: boolean\n    default: false\n"
	case k.field.Kind() == reflect.Slice:
		return "    type: array\n    items:\n      type: string\n    default: []\n"
	}
	return "    type: string\n    default: \"\"\n"
}

// defaultValue is the key's default as JSON, or "required".
func (k TopKey) defaultValue() string {
	switch {
	case k.required:
		return "required"
	case k.field.Kind() == reflect.Bool:
		return "false"
	case k.field.Kind() == reflect.Slice:
		return "[]"
	}
	return `""`
}
