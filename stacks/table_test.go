package stacks

import (
	"reflect"
	"strings"
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

// TestKeysAreLowerCamelFields: a setting's key is the lowerCamel form of the component field it
// sets (its path without dots, or its last name; initialisms may differ in case), so a key and a
// field read as one name. The exceptions are listed with the reason they stay.
func TestKeysAreLowerCamelFields(t *testing.T) {
	exceptions := map[string]string{
		"network.azCount":                "AvailabilityZoneCount: the short key predates the rule and is in every stack file",
		"database.allocatedStorageGb":    "AllocatedStorageGiB: kept for stack files; the unit is GiB either way",
		"database.maxAllocatedStorageGb": "MaxAllocatedStorageGiB: kept for stack files; the unit is GiB either way",
		"web.accessLogs":                 "AccessLogs.Enabled: the group's switch, named like tenk:cdn.accessLogs",
		"cdn.wafRateLimit":               "waf.WebAclArgs.RateLimit: prefixed because tenk:cdn holds two components",
	}
	for _, s := range sections {
		for _, r := range s.settings {
			if r.field == "" {
				continue
			}
			key := s.name + "." + r.key
			parts := strings.Split(r.field, ".")
			camel := strings.EqualFold(r.key, strings.Join(parts, "")) || strings.EqualFold(r.key, parts[len(parts)-1])
			if _, ok := exceptions[key]; ok {
				assert.False(t, camel, "tenk:%s is lowerCamel now: drop the exception", key)
				continue
			}
			assert.True(t, camel, "tenk:%s sets %s: name the key after the field, or list the exception with its reason", key, r.field)
			assert.Equal(t, strings.ToLower(r.key[:1]), r.key[:1], "tenk:%s starts lower-case", key)
		}
	}
}

// TestRenamedKeysSayTheirNewName: a stack file with a key renamed to its field's name is told the
// new key, not "did you mean".
func TestRenamedKeysSayTheirNewName(t *testing.T) {
	for old, renamed := range map[string]string{
		"cache.nodes": "tenk:cache.nodeCount", "web.stickinessSeconds": "tenk:web.stickinessDurationSeconds",
		"database.monitoringInterval": "tenk:database.monitoringIntervalSeconds",
	} {
		section, setting, _ := strings.Cut(old, ".")
		_, err := ParseConfig(map[string]string{"tenk:environment": "dev", "tenk:" + section: `{"` + setting + `": 1}`})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "tenk:"+old+" is no longer a setting: it is now "+renamed)
		s, _ := sectionNamed(section)
		_, known := s.setting(strings.TrimPrefix(renamed, "tenk:"+section+"."))
		assert.True(t, known, renamed)
	}
}
