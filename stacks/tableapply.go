package stacks

import (
	"fmt"
	"reflect"
	"strings"
)

// word is one config word of a setting with choices and the component value it stands for.
type word struct {
	word  string
	value any
}

// oneOf makes a string setting a choice of words, each standing for a component value: the
// field is set to the word's value, and any other word is reported by Validate
// (validateChoices) with the words in this order.
func (s setting) oneOf(words ...word) setting {
	s.words = words
	s.convert = func(v any) any {
		for _, w := range words {
			if w.word == v {
				return w.value
			}
		}
		return nil // a word validateChoices rejects; applyRows leaves the field alone
	}
	return s
}

// byHand marks a row whose field the args builder sets itself (the value needs the wiring):
// the row still documents it and names its errors.
func (s setting) byHand() setting {
	s.manual = true
	return s
}

// applyRows sets on args, a pointer to the Args of component argsName, every field the section's
// rows for those Args name, from cfg: the one mapping from a setting to its component field.
func applyRows(s section, argsName string, cfg Config, args any) {
	for _, r := range s.settings {
		a := r.args
		if a == "" {
			a = s.args
		}
		if r.field == "" || r.manual || a != argsName {
			continue
		}
		v := r.value(cfg)
		if r.convert != nil {
			if v = r.convert(v); v == nil {
				continue // a word validateChoices rejects: the component keeps its default
			}
		}
		if err := setPath(reflect.ValueOf(args).Elem(), r.field, v); err != nil {
			panic(fmt.Sprintf("tenk:%s.%s: %v", s.name, r.key, err)) // a wrong row: the stack tests fail on it
		}
	}
}

// setPath assigns v to the field at path ("Scaling.MinSize") inside the struct root, allocating
// nil struct pointers on the way.
func setPath(root reflect.Value, path string, v any) error {
	target := root
	for _, name := range strings.Split(path, ".") {
		if target.Kind() == reflect.Pointer {
			if target.IsNil() {
				target.Set(reflect.New(target.Type().Elem()))
			}
			target = target.Elem()
		}
		if target.Kind() != reflect.Struct {
			return fmt.Errorf("%s: %s is not a struct", path, target.Type())
		}
		target = target.FieldByName(name)
		if !target.IsValid() {
			return fmt.Errorf("%s: no field %s", path, name)
		}
	}
	return assign(target, reflect.ValueOf(v))
}

func assign(target, v reflect.Value) error {
	switch {
	case v.Type().AssignableTo(target.Type()):
		target.Set(v)
	case target.Kind() == reflect.Pointer:
		p := reflect.New(target.Type().Elem())
		if err := assign(p.Elem(), v); err != nil {
			return err
		}
		target.Set(p)
	case v.Type().ConvertibleTo(target.Type()) && v.Kind() == target.Kind():
		target.Set(v.Convert(target.Type()))
	default:
		return fmt.Errorf("cannot set a %s from a %s", target.Type(), v.Type())
	}
	return nil
}
