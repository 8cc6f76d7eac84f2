package stacks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrittenZeroIsKeptOrRejected (issue 24): for every row of every table, in both environments,
// a stack file that sets the row's zero value (0, false, "", [], {}) gets exactly that value in the
// component's effective Args (after the component's defaults), or an error naming the key. A zero
// is never taken as "unset" and swapped for a baseline or a component default.
func TestWrittenZeroIsKeptOrRejected(t *testing.T) {
	for _, env := range []string{"dev", "prod"} {
		for _, s := range Settings() {
			key := fmt.Sprintf("tenk:%s.%s", s.Section, s.Key)
			zero := reflect.Zero(s.Type).Interface()
			switch s.Type.Kind() {
			case reflect.Slice:
				zero = reflect.MakeSlice(s.Type, 0, 0).Interface()
			case reflect.Map:
				zero = reflect.MakeMap(s.Type).Interface()
			}
			raw, err := json.Marshal(zero)
			require.NoError(t, err)
			t.Run(fmt.Sprintf("%s/%s=%s", env, key, raw), func(t *testing.T) {
				cfg, err := ParseConfig(map[string]string{
					"tenk:environment":  env,
					"tenk:" + s.Section: fmt.Sprintf(`{%q: %s}`, s.Key, raw),
				})
				if err != nil {
					assert.Contains(t, err.Error(), key, "the error names the key the stack file set")
					return
				}
				assert.Equal(t, zero, schema.Value(cfg, s.Section, s.Key),
					"%s is accepted, so the component must get exactly the written %s, not a default", key, raw)
			})
		}
	}
}

// TestWrittenZeroIsKeptOrRejectedCatchesIssue24 pins the three examples of issue 24, so the
// generic test above is known to reach them.
func TestWrittenZeroIsKeptOrRejectedCatchesIssue24(t *testing.T) {
	for _, tc := range []struct{ section, object, key string }{
		{"network", `{"availabilityZoneCount": 0}`, "tenk:network.availabilityZoneCount"},
		{"web", `{"appPort": 0}`, "tenk:web.appPort"},
		{"web", `{"stickySessions": true, "stickinessDurationSeconds": 0}`, "tenk:web.stickinessDurationSeconds"},
	} {
		_, err := ParseConfig(map[string]string{"tenk:environment": "prod", "tenk:" + tc.section: tc.object})
		require.Error(t, err, tc.object)
		assert.Contains(t, err.Error(), tc.key+" is 0")
		assert.Contains(t, err.Error(), "remove the key to keep the baseline")
	}
}

// TestEveryRowIsReadFromItsComponent: every setting lies under one of its section's Parts, so
// schema.Value (what the test above compares) and the written-value check read it from the Args
// the component builds from, after its defaults, and never from the config as written.
func TestEveryRowIsReadFromItsComponent(t *testing.T) {
	for _, sec := range schema.Sections {
		parts := sec.Parts(Baseline(Prod))
		for _, r := range sec.Rows {
			under := 0
			for _, p := range parts {
				if strings.HasPrefix(r.Path, p.Path+".") {
					under++
				}
			}
			assert.Equal(t, 1, under, "tenk:%s.%s (%s) must lie under exactly one of the section's Parts", sec.Name, r.Key, r.Path)
		}
	}
}
