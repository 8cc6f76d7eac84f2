package configschema

import (
	"encoding/json"
	"reflect"
	"strings"
)

// valueAt returns the field at path inside root (a struct or a pointer to one), following
// pointers; the zero Value when a nil pointer on the way leaves it unset.
func valueAt(root reflect.Value, path string) reflect.Value {
	v := root
	for _, name := range strings.Split(path, ".") {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.Elem()
		}
		v = v.FieldByName(name)
		if !v.IsValid() {
			return reflect.Value{}
		}
	}
	return v
}

// settableAt returns the field at path inside root (an addressable struct), allocating nil
// struct pointers on the way. A pointer it allocates is new, so no value shared with another
// config (a baseline) is changed through it; a pointer already there is copied first for the
// same reason.
func settableAt(root reflect.Value, path string) reflect.Value {
	v := root
	names := strings.Split(path, ".")
	for i, name := range names {
		v = v.FieldByName(name)
		if i == len(names)-1 {
			break
		}
		if v.Kind() == reflect.Pointer {
			fresh := reflect.New(v.Type().Elem())
			if !v.IsNil() {
				fresh.Elem().Set(v.Elem())
			}
			v.Set(fresh)
			v = v.Elem()
		}
	}
	return v
}

// setAt sets the field at path inside root (addressable) to v, which has the field's type.
func setAt(root reflect.Value, path string, v reflect.Value) {
	f := settableAt(root, path)
	if !v.IsValid() {
		f.Set(reflect.Zero(f.Type()))
		return
	}
	f.Set(v)
}

// deref follows pointers and interfaces; the zero Value for nil.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// same reports whether two field values hold the same value once pointers are followed: nil and
// an empty list or object are the same, nil and a pointer to 0 are not (the component tells them
// apart).
func same(a, b reflect.Value) bool {
	a, b = deref(a), deref(b)
	switch {
	case !a.IsValid() || !b.IsValid():
		return a.IsValid() == b.IsValid() || isEmpty(a) || isEmpty(b)
	case isEmpty(a) && isEmpty(b) && a.Kind() == b.Kind():
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// isEmpty reports an empty list or object (nil or not).
func isEmpty(v reflect.Value) bool {
	return v.IsValid() && (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0
}

// plainValue is a field value as a stack file writes it: pointers followed, words for the values
// they stand for, named types as their basic ones; nil for unset.
func (r Row) plainValue(v reflect.Value) any {
	v = deref(v)
	if !v.IsValid() {
		switch r.json.Kind() {
		case reflect.Slice: // an unset list or object reads as an empty one, as a stack file writes it
			return reflect.MakeSlice(r.json, 0, 0).Interface()
		case reflect.Map:
			return reflect.MakeMap(r.json).Interface()
		}
		return reflect.Zero(r.json).Interface()
	}
	for _, w := range r.words {
		if reflect.DeepEqual(w.Value, v.Interface()) {
			return w.Word
		}
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int:
		return int(v.Int())
	case reflect.Float64:
		return v.Float()
	case reflect.Bool:
		return v.Bool()
	case reflect.Slice:
		out := make([]string, v.Len())
		for i := range out {
			out[i] = v.Index(i).String()
		}
		return out
	case reflect.Map:
		out := make(map[string]string, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[it.Key().String()] = it.Value().String()
		}
		return out
	}
	return v.Interface()
}

// jsonText is a plain value as JSON.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
