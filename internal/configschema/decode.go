package configschema

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Written is what a stack file set: each written setting ("database.readReplicas") and the value
// it decoded to, in the field's type.
type Written map[string]reflect.Value

// Decode applies raw, a stack's values keyed "<ns>:<key>" (keys of other namespaces are ignored),
// onto base and returns the result and the settings written. Every problem goes to l, naming the
// key: a key or setting tenk does not read (with the closest valid one), a value of the wrong
// type, a word that is not one of a setting's choices. One bad setting does not hide the others.
func (s Schema[R]) Decode(l *fielderr.List, raw map[string]string, base R) (R, Written) {
	s.checkKeys(l, raw)
	cfg := base
	root := reflect.ValueOf(&cfg).Elem()
	for _, k := range s.Top {
		if v, ok := raw[s.Namespace+":"+k.Key]; ok {
			s.decodeTop(l, k, v, settableAt(root, k.Path))
		}
	}
	written := Written{}
	for _, sec := range s.Sections {
		if v, ok := raw[s.Namespace+":"+sec.Name]; ok && v != "" {
			s.decodeSection(l, written, sec, v, root)
		}
	}
	return cfg, written
}

// decodeTop sets one top-level key: strings as they are, booleans as the CLI writes them, lists as
// JSON; an empty list value is the Pulumi.yaml default, [].
func (s Schema[R]) decodeTop(l *fielderr.List, k TopKey, raw string, field reflect.Value) {
	key := s.Namespace + ":" + k.Key
	switch field.Kind() {
	case reflect.String:
		field.SetString(raw)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			l.Addf(key, "is %q: it must be true or false", raw)
			return
		}
		field.SetBool(b)
	case reflect.Slice:
		value := reflect.New(field.Type())
		if raw != "" {
			if err := json.Unmarshal([]byte(raw), value.Interface()); err != nil {
				l.Addf(key, "is %s: it must be %s, such as [\"…\"]", raw, kindOf(field.Type()))
				return
			}
		}
		if value.Elem().IsNil() {
			value.Elem().Set(reflect.MakeSlice(field.Type(), 0, 0))
		}
		field.Set(value.Elem())
	}
}

// decodeSection applies a section's JSON object setting by setting and records what it writes.
func (s Schema[R]) decodeSection(l *fielderr.List, written Written, sec Section[R], raw string, root reflect.Value) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		l.Addf(s.Namespace+":"+sec.Name, "must be an object of settings, such as {%s: …}", sec.Rows[0].Key)
		return
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r, ok := sec.row(k)
		if !ok {
			s.unknownSetting(l, sec, k)
			continue
		}
		v, err := r.decode(fields[k])
		if err != "" {
			l.Addf(s.Namespace+":"+sec.Name+"."+k, "is %s: %s", strings.TrimSpace(string(fields[k])), err)
			continue
		}
		setAt(root, r.Path, v)
		written[sec.Name+"."+k] = v
	}
}

// decode turns one JSON value into the row's field type, or says what the value must be.
func (r Row) decode(raw json.RawMessage) (reflect.Value, string) {
	if strings.TrimSpace(string(raw)) == "null" {
		return reflect.Value{}, "it must be " + kindOf(r.json) + "; remove the key to keep the baseline"
	}
	plain := reflect.New(r.json)
	if err := json.Unmarshal(raw, plain.Interface()); err != nil {
		return reflect.Value{}, "it must be " + kindOf(r.json)
	}
	v := plain.Elem()
	switch {
	case r.words != nil:
		for _, w := range r.words {
			if w.Word == v.String() {
				return r.toField(reflect.ValueOf(w.Value)), ""
			}
		}
		words := make([]string, len(r.words))
		for i, w := range r.words {
			words[i] = w.Word
		}
		return reflect.Value{}, "use " + fielderr.Choices(words...)
	case r.from != nil:
		out := r.from(v.String())
		if out == nil {
			return reflect.Zero(r.field), ""
		}
		return r.toField(reflect.ValueOf(out)), ""
	}
	return r.toField(v), ""
}

// toField converts v to the row's field type, through a new pointer for an optional field.
func (r Row) toField(v reflect.Value) reflect.Value {
	if r.field.Kind() == reflect.Pointer {
		p := reflect.New(r.field.Elem())
		p.Elem().Set(v.Convert(r.field.Elem()))
		return p
	}
	if r.field.Kind() == reflect.Interface {
		return v
	}
	return v.Convert(r.field)
}
