package stacks

import (
	"encoding/json"
	"reflect"
	"strings"
)

// setting is one config setting, one row of its section's table: the key a stack file sets, the
// component field it sets, the dev and prod baselines, its limits and a one-line doc. Decoding,
// the baselines, the unknown-key check, error translation, the Pulumi.yaml descriptions and the
// README tables all come from these rows.
type setting struct {
	// key is the setting inside its section ("azCount"): tenk:<section>.<key>.
	key string
	// field is the component Args field the setting sets, by its path ("Scaling.MinSize"): a
	// component error about that field is reported under this key. "" when it sets none directly.
	field string
	// args names the component Args of field when it is not the section's ("waf.WebAclArgs").
	args string
	// limits is what the value may be, for people ("2–3"); the component enforces it.
	limits string
	// doc says what the setting does, in one line.
	doc string

	// convert maps a config word onto the component value (see oneOf); without it the value is
	// assigned as it is, through a pointer for optional fields and converted to named types
	// (database.Engine). manual leaves the field to the args builder (see byHand).
	convert func(v any) any
	manual  bool
	// words are the values a setting with choices accepts (see oneOf).
	words []word

	typ      reflect.Type
	dev      any
	prod     any
	baseline func(c *Config, env Environment)
	decode   func(c *Config, raw json.RawMessage) error
	value    func(c Config) any
}

// row declares a setting whose value lives at ptr(&config), with its dev and prod baselines.
func row[T any](key, field string, dev, prod T, limits, doc string, ptr func(c *Config) *T) setting {
	return setting{
		key: key, field: field, limits: limits, doc: doc,
		typ: reflect.TypeFor[T](), dev: dev, prod: prod,
		baseline: func(c *Config, env Environment) {
			if env == Prod {
				*ptr(c) = prod
			} else {
				*ptr(c) = dev
			}
		},
		decode: func(c *Config, raw json.RawMessage) error {
			var v T
			if err := json.Unmarshal(raw, &v); err != nil {
				return err
			}
			*ptr(c) = v
			return nil
		},
		value: func(c Config) any { return *ptr(&c) },
	}
}

// of sets the component Args of a row's field when it is not the section's own.
func (s setting) of(args string) setting {
	s.args = args
	return s
}

// section is one tenk:<name> object: its settings in order, the component Args they feed, and
// the other fields of those Args that config-reachable errors name, with what to call them.
type section struct {
	// name is the section's key: tenk:<name>.
	name string
	// args is the component Args the settings' fields belong to ("network.NetworkArgs").
	args string
	// summary completes "Overrides of the <summary> baseline" in Pulumi.yaml.
	summary string
	// settings are the rows, in the order Pulumi.yaml and the README list them.
	settings []setting
	// aliases name fields that no setting of this section sets but whose errors the stack can
	// cause: a "tenk:" key, a setting of this section, or a phrase (with a space).
	aliases map[string]string
}

// sections are the config sections, in the order of Config's fields.
var sections = []section{networkSection, webSection, databaseSection, cdnSection, sessionsSection, cacheSection}

// sectionNamed returns the section called name.
func sectionNamed(name string) (section, bool) {
	for _, s := range sections {
		if s.name == name {
			return s, true
		}
	}
	return section{}, false
}

// setting returns the row of the section's setting key.
func (s section) setting(key string) (setting, bool) {
	for _, r := range s.settings {
		if r.key == key {
			return r, true
		}
	}
	return setting{}, false
}

// keys lists the section's settings in order.
func (s section) keys() []string {
	out := make([]string, len(s.settings))
	for i, r := range s.settings {
		out[i] = r.key
	}
	return out
}

// fieldNames maps the fields of one component's Args (args) to what the config calls them: the
// section's settings as "tenk:<section>.<key>", and the aliases.
func (s section) fieldNames(args string) map[string]string {
	out := map[string]string{}
	for _, r := range s.settings {
		a := r.args
		if a == "" {
			a = s.args
		}
		if r.field != "" && a == args {
			out[r.field] = Namespace + ":" + s.name + "." + r.key
		}
	}
	if args == s.args {
		for field, name := range s.aliases {
			if !strings.HasPrefix(name, Namespace+":") && !strings.Contains(name, " ") {
				name = Namespace + ":" + s.name + "." + name
			}
			out[field] = name
		}
	}
	return out
}

// Setting describes one section setting for tools and tests: its fully qualified key and the Go
// type its JSON value decodes into.
type Setting struct {
	// Section is the section's key ("database").
	Section string
	// Key is the setting inside the section ("readReplicas").
	Key string
	// Type is the Go type of the value (int, float64, bool, string, []string).
	Type reflect.Type
}

// Settings lists every section setting in table order.
func Settings() []Setting {
	var out []Setting
	for _, s := range sections {
		for _, r := range s.settings {
			out = append(out, Setting{Section: s.name, Key: r.key, Type: r.typ})
		}
	}
	return out
}
