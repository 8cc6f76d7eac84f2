package stacks

import (
	"encoding/json"
	"fmt"
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
	return ParseConfig(func(key string) (string, bool) {
		return ctx.GetConfig(Namespace + ":" + key)
	})
}

// lookupFunc returns the raw value of a key in the tenk namespace and whether it is set.
type lookupFunc func(key string) (string, bool)

// ParseConfig is LoadConfig over any source of raw values; raw values are what the Pulumi CLI
// passes a program: strings, with objects and arrays as JSON.
func ParseConfig(lookup lookupFunc) (Config, error) {
	var p problems
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

	if v, ok := lookup("domain"); ok {
		cfg.Domain = v
	}
	if v, ok := lookup("hostedZoneId"); ok {
		cfg.HostedZoneID = v
	}
	if v, ok := lookup("protect"); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			p.add("tenk:protect is %q: it must be true or false", v)
		}
		cfg.Protect = b
	}
	if v, ok := lookup("alarmEmails"); ok && v != "" {
		if err := json.Unmarshal([]byte(v), &cfg.AlarmEmails); err != nil {
			p.add("tenk:alarmEmails must be a list of e-mail addresses, such as [\"ops@example.com\"]")
		}
	}

	sections := reflect.ValueOf(&cfg).Elem()
	for i := 0; i < sections.NumField(); i++ {
		name := sections.Type().Field(i).Tag.Get("section")
		if name == "" {
			continue
		}
		if raw, ok := lookup(name); ok && raw != "" {
			decodeSection(&p, name, raw, sections.Field(i).Addr().Interface())
		}
	}
	p.merge(Validate(cfg))
	return cfg, p.err()
}

// decodeSection applies a section's JSON object field by field onto target (a pointer to the
// section struct, already holding the baseline), so one bad field does not hide the others.
func decodeSection(p *problems, section, raw string, target any) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		p.add("tenk:%s must be an object of settings, such as {%s}", section, exampleOf(target))
		return
	}
	v := reflect.ValueOf(target).Elem()
	byName := map[string]reflect.Value{}
	for i := 0; i < v.NumField(); i++ {
		byName[jsonName(v.Type().Field(i))] = v.Field(i)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		field, ok := byName[k]
		if !ok {
			p.add("tenk:%s.%s is not a setting: use one of %s", section, k, strings.Join(sortedKeys(byName), ", "))
			continue
		}
		value := reflect.New(field.Type())
		if err := json.Unmarshal(fields[k], value.Interface()); err != nil {
			p.add("tenk:%s.%s is %s: it must be %s", section, k, string(fields[k]), kindOf(field.Type()))
			continue
		}
		field.Set(value.Elem())
	}
}

func jsonName(f reflect.StructField) string {
	return strings.Split(f.Tag.Get("json"), ",")[0]
}

func sortedKeys(m map[string]reflect.Value) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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

func exampleOf(target any) string {
	t := reflect.TypeOf(target).Elem()
	if t.NumField() == 0 {
		return ""
	}
	return jsonName(t.Field(0)) + ": …"
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
