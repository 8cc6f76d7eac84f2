package stacks

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryConfigFieldHasExactlyOneRow: the section tables and Config's sections agree, and each
// field of a section struct is read and written by exactly one row, so a field cannot be added
// without its row (key, baselines, limits, doc) or be set by two keys.
func TestEveryConfigFieldHasExactlyOneRow(t *testing.T) {
	cfgType := reflect.TypeOf(Config{})
	var tagged []string
	for i := 0; i < cfgType.NumField(); i++ {
		f := cfgType.Field(i)
		name := f.Tag.Get("section")
		if name == "" {
			continue
		}
		tagged = append(tagged, name)
		s, ok := sectionNamed(name)
		require.True(t, ok, "Config section %s has no table", name)
		require.Len(t, s.settings, f.Type.NumField(), "tenk:%s: one row per field of %s", name, f.Type.Name())
		for j := 0; j < f.Type.NumField(); j++ {
			var c Config
			field := reflect.ValueOf(&c).Elem().Field(i).Field(j)
			field.Set(nonZero(field.Type()))
			var readers []string
			for _, r := range s.settings {
				if !reflect.ValueOf(r.value(c)).IsZero() {
					readers = append(readers, r.key)
				}
			}
			assert.Len(t, readers, 1, "%s.%s is read by %v", f.Type.Name(), f.Type.Field(j).Name, readers)
		}
	}
	var names []string
	for _, s := range sections {
		names = append(names, s.name)
	}
	assert.Equal(t, tagged, names, "the tables are in Config's order")
}

func nonZero(t reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.Int:
		return reflect.ValueOf(7)
	case reflect.Float64:
		return reflect.ValueOf(7.5)
	case reflect.Bool:
		return reflect.ValueOf(true)
	case reflect.String:
		return reflect.ValueOf("x")
	case reflect.Slice:
		return reflect.ValueOf([]string{"x"})
	}
	panic(t.String())
}

// TestBaselineValuesMatchTheirFields: every row's dev and prod values have its field's type (row
// is generic, so this holds by construction) and the baselines are what the table says.
func TestBaselineComesFromTheTable(t *testing.T) {
	for _, env := range []Environment{Dev, Prod} {
		c := Baseline(env)
		for _, s := range sections {
			for _, r := range s.settings {
				want := r.dev
				if env == Prod {
					want = r.prod
				}
				assert.Equal(t, want, r.value(c), "%s tenk:%s.%s", env, s.name, r.key)
			}
		}
	}
	assert.Equal(t, 3, Baseline(Prod).Network.AzCount)
	assert.Equal(t, "single", Baseline(Dev).Network.NatGateways)
}
