package stacks

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Namespace is the config namespace of every tenk key.
const Namespace = "tenk"

// LoadConfig reads the stack's config, starts from the baseline of its tenk:environment, applies
// the stack's overrides and validates the result. The error lists every problem at once.
func LoadConfig(ctx *pulumi.Context) (Config, error) {
	raw := map[string]string{}
	for _, k := range append(TopLevelKeys(), stackKeys()...) {
		k = strings.TrimPrefix(k, Namespace+":")
		if v, ok := ctx.GetConfig(Namespace + ":" + k); ok {
			raw[Namespace+":"+k] = v
		}
	}
	return ParseConfig(raw)
}

// stackKeys lists the keys of the tenk namespace the stack sets. pulumi.Context can look a key
// up but not list them; the Pulumi CLI hands a Go program its whole config as a JSON object in
// pulumi.EnvConfig (PULUMI_CONFIG), which is where the SDK reads it too. LoadConfig keeps only
// the keys the context confirms, so a stale variable cannot invent keys; where the variable is
// absent (an Automation API inline program), misspelled keys go unnoticed.
func stackKeys() []string {
	var all map[string]string
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &all); err != nil {
		return nil
	}
	var out []string
	for k := range all {
		if strings.HasPrefix(k, Namespace+":") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// ParseConfig is LoadConfig over raw values keyed "tenk:<key>" (keys of other namespaces are
// ignored). Raw values are what the Pulumi CLI passes a program: strings, with objects and arrays
// as JSON. Unknown tenk keys and settings are errors; baseline values that do not apply to the
// engines and modes chosen are dropped, and only values the stack sets are reported.
func ParseConfig(raw map[string]string) (Config, error) {
	var p problems
	lookup := func(key string) (string, bool) {
		v, ok := raw[Namespace+":"+key]
		return v, ok
	}
	checkKeys(&p, raw)
	envRaw, ok := lookup("environment")
	env := Environment(envRaw)
	switch {
	case !ok || envRaw == "":
		p.add("tenk:environment is not set: set it to \"dev\" or \"prod\" in Pulumi.<stack>.yaml")
		env = Dev
	case env != Dev && env != Prod:
		p.add("tenk:environment is %q: it must be \"dev\" or \"prod\"", envRaw)
		env = Dev
	}
	cfg := Baseline(env)
	cfg.Environment = env
	set := setKeys{}

	fields := reflect.ValueOf(&cfg).Elem()
	for i := 0; i < fields.NumField(); i++ {
		f := fields.Type().Field(i)
		if name := f.Tag.Get("section"); name != "" {
			if v, ok := lookup(name); ok && v != "" {
				decodeSection(&p, set, name, v, &cfg)
			}
			continue
		}
		name := f.Tag.Get("key")
		if v, ok := lookup(name); ok && name != "environment" {
			decodeTopLevel(&p, name, v, fields.Field(i))
		}
	}
	dropInapplicable(&p, &cfg, set)
	p.merge(Validate(cfg))
	return cfg, p.err()
}

// setKeys holds the section settings the stack sets, as "section.setting".
type setKeys map[string]bool

// decodeTopLevel sets one top-level key: strings as they are, booleans as the CLI writes them,
// lists as JSON. An empty list value means the Pulumi.yaml default.
func decodeTopLevel(p *problems, name, raw string, field reflect.Value) {
	switch field.Kind() {
	case reflect.String:
		field.SetString(raw)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			p.add("tenk:%s is %q: it must be true or false", name, raw)
			return
		}
		field.SetBool(b)
	case reflect.Slice:
		if raw == "" {
			return
		}
		value := reflect.New(field.Type())
		if err := json.Unmarshal([]byte(raw), value.Interface()); err != nil {
			p.add("tenk:%s is %s: it must be %s, such as %s", name, raw, kindOf(field.Type()), exampleList(name))
			return
		}
		field.Set(value.Elem())
	}
}

// exampleList shows a valid value of a list key.
func exampleList(name string) string {
	if name == "alarmEmails" {
		return `["ops@example.com"]`
	}
	return `["…"]`
}

// decodeSection applies a section's JSON object setting by setting onto cfg (already holding the
// baseline), through the section's table rows, so one bad setting does not hide the others, and
// records in set the settings the object holds.
func decodeSection(p *problems, set setKeys, name, raw string, cfg *Config) {
	s, _ := sectionNamed(name)
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		p.add("tenk:%s must be an object of settings, such as {%s: …}", name, s.settings[0].key)
		return
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r, ok := s.setting(k)
		if !ok {
			p.add("%s", unknownSetting(name, k, s.keys()))
			continue
		}
		set[name+"."+k] = true
		if err := r.decode(cfg, fields[k]); err != nil {
			p.add("tenk:%s.%s is %s: it must be %s", name, k, string(fields[k]), kindOf(r.typ))
		}
	}
}

// kindOf names what a config value of this Go type must look like.
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
	}
	return t.String()
}

// problems collects config errors so that one run reports all of them.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p *problems) merge(err error) {
	if err == nil {
		return
	}
	*p = append(*p, strings.Split(err.Error(), "\n")...)
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	noun := "problems"
	if len(p) == 1 {
		noun = "problem"
	}
	return fmt.Errorf("invalid stack config (%d %s; nothing was deployed):\n  - %s", len(p), noun, strings.Join(p, "\n  - "))
}
