package stacks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryConfigFieldHasAKey: every field of Config is set by a top-level key or is the Args a
// section's settings set, so a field cannot be added without its key and docs.
func TestEveryConfigFieldHasAKey(t *testing.T) {
	roots := map[string]bool{}
	for _, k := range schema.Top {
		roots[k.Path] = true
	}
	for _, s := range schema.Settings() {
		roots[strings.Split(s.Path, ".")[0]] = true
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Config]()) {
		assert.True(t, roots[f.Name], "Config.%s is set by no key: add a top-level key or a section table", f.Name)
	}
}

// TestKeysAreTheFieldsNames: a setting's key is the lowerCamel name of the component field it
// sets (initialisms may differ in case: multiAz for MultiAZ), or, for a nested path, the field
// flattened with its group's name (scalingMetric for Scaling.Metric, accessLogs for
// AccessLogs.Enabled, wafRateLimit for WAF.RateLimit). No exceptions: a setting has one name.
func TestKeysAreTheFieldsNames(t *testing.T) {
	for _, sec := range schema.Sections {
		for _, s := range Settings() {
			if s.Section != sec.Name {
				continue
			}
			// The path inside the section's Args; a second Args of the section (tenk:cdn's WAF)
			// keeps its group name.
			parts := strings.Split(s.Path, ".")
			if parts[0] == sec.Args {
				parts = parts[1:]
			}
			n := len(parts)
			candidates := []string{parts[n-1], strings.Join(parts, "")}
			if n >= 2 {
				candidates = append(candidates, parts[n-2]+parts[n-1])
				if parts[n-1] == "Enabled" {
					candidates = append(candidates, parts[n-2])
				}
			}
			ok := false
			for _, c := range candidates {
				ok = ok || strings.EqualFold(s.Key, c)
			}
			assert.True(t, ok, "tenk:%s.%s sets %s: name the key after the field (%v)", s.Section, s.Key, s.Path, candidates)
			assert.Equal(t, strings.ToLower(s.Key[:1]), s.Key[:1], "tenk:%s.%s starts lower-case", s.Section, s.Key)
		}
	}
}

// TestRenamedKeysSayTheirNewName: a stack file with a key renamed to its field's name is told the
// new key, not "did you mean".
func TestRenamedKeysSayTheirNewName(t *testing.T) {
	for old, renamed := range map[string]string{
		"cache.nodes": "tenk:cache.nodeCount", "web.stickinessSeconds": "tenk:web.stickinessDurationSeconds",
		"database.monitoringInterval": "tenk:database.monitoringIntervalSeconds",
		"network.azCount":             "tenk:network.availabilityZoneCount",
		"database.allocatedStorageGb": "tenk:database.allocatedStorageGiB", "database.maxAllocatedStorageGb": "tenk:database.maxAllocatedStorageGiB",
	} {
		section, setting, _ := strings.Cut(old, ".")
		_, err := ParseConfig(map[string]string{"tenk:environment": "dev", "tenk:" + section: `{"` + setting + `": 1}`})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "tenk:"+old+" is no longer a setting: it is now "+renamed)
		assert.Contains(t, AllKeys(), renamed)
	}
}

// TestBaselinesAreValid: both baselines, as the program builds them, pass every component's
// Validate, and every setting of either has the value the table's docs show.
func TestBaselinesAreValid(t *testing.T) {
	for _, env := range []string{"dev", "prod"} {
		_, err := ParseConfig(map[string]string{"tenk:environment": env})
		assert.NoError(t, err, env)
	}
	assert.Equal(t, 3, schema.Value(Baseline(Prod), "network", "availabilityZoneCount"))
	assert.Equal(t, "single", schema.Value(Baseline(Dev), "network", "natGateways"))
	assert.Equal(t, "17", schema.Value(Baseline(Dev), "database", "engineVersion"), "the component's default, shown as the baseline")
}

// TestTopLevelZeroIsKept: a top-level key set to its zero value ("", false, []) gets exactly that
// value, or (environment, which has none) an error naming it.
func TestTopLevelZeroIsKept(t *testing.T) {
	for _, k := range schema.Top {
		for _, env := range []string{"dev", "prod"} {
			raw := map[string]string{"tenk:environment": env, "tenk:" + k.Key: ""}
			cfg, err := ParseConfig(raw)
			if err != nil {
				assert.Contains(t, err.Error(), "tenk:"+k.Key+" ", k.Key)
				continue
			}
			v := reflect.ValueOf(cfg).FieldByName(k.Path)
			assert.True(t, v.IsZero() || v.Len() == 0, "tenk:%s %q must be kept, got %v", k.Key, "", v)
		}
	}
}

// TestProdRefusesToDropAvailability (issue 24): every baseline value listed as availability or
// durability, dropped in prod by a switch of engine or mode the stack file makes, is an error that
// names the value's key, the switch's keys and both ways out; writing the value explicitly is
// accepted, and dev (whose baseline has nothing to lose) switches with one key.
func TestProdRefusesToDropAvailability(t *testing.T) {
	cases := []struct {
		key, section, object string
		switches             []string // the keys the message names
	}{
		{"database.multiAz", "database", `"engine": "aurora-postgresql", "readReplicas": 0`, []string{"tenk:database.engine", "tenk:database.readReplicas 0"}},
		{"cache.multiAz", "cache", `"engine": "memcached"`, []string{`tenk:cache.engine "memcached"`}},
		{"cache.snapshotRetentionDays", "cache", `"engine": "memcached"`, []string{`tenk:cache.engine "memcached"`}},
		{"cache.multiAz", "cache", `"nodeCount": 1`, []string{"tenk:cache.nodeCount 1"}},
	}
	tested := map[string]bool{}
	for _, tc := range cases {
		tested[tc.key] = true
		t.Run(tc.key+"/"+tc.object, func(t *testing.T) {
			_, err := ParseConfig(map[string]string{"tenk:environment": "prod", "tenk:" + tc.section: "{" + tc.object + "}"})
			require.Error(t, err)
			msg := err.Error()
			assert.Contains(t, msg, "tenk:"+tc.key+" is ")
			assert.Contains(t, msg, "in the prod baseline")
			for _, s := range tc.switches {
				assert.Contains(t, msg, s)
			}
			assert.Contains(t, msg, "or write tenk:"+tc.key+": ", "the explicit way out")

			_, err = ParseConfig(map[string]string{"tenk:environment": "dev", "tenk:" + tc.section: "{" + tc.object + "}"})
			assert.NoError(t, err, "dev switches with one key")

			// Writing every dropped value explicitly (as the variant would set it) is accepted.
			explicit := tc.object
			for _, k := range droppedInProd(t, tc.section, "{"+tc.object+"}") {
				explicit += fmt.Sprintf(", %q: %s", k, jsonOf(t, schema.Value(rebased(t, tc.section, "{"+tc.object+"}"), tc.section, k)))
			}
			_, err = ParseConfig(map[string]string{"tenk:environment": "prod", "tenk:" + tc.section: "{" + explicit + "}"})
			assert.NoError(t, err, "prod with %s written explicitly", explicit)
		})
	}
	for _, k := range availability {
		assert.True(t, tested[k], "%s is listed as availability but not tested here", k)
	}
}

// TestEveryReplacedBaselineValueIsClassified: every setting a variant replaces in the prod
// baseline is either listed as availability (an error when dropped in prod) or named here as
// cost or shape, so a new variant cannot drop an availability value unnoticed.
func TestEveryReplacedBaselineValueIsClassified(t *testing.T) {
	costOrShape := map[string]string{
		"database.allocatedStorageGiB":    "Aurora storage grows by itself: nothing is lost",
		"database.maxAllocatedStorageGiB": "Aurora storage grows by itself: nothing is lost",
		"web.scalingTarget":               "the target's unit changes with the metric",
	}
	for _, sec := range schema.Sections {
		for i, v := range sec.Variants {
			for _, env := range []Environment{Dev, Prod} {
				for _, key := range schema.VariantChanges(sec.Name, i, Baseline(env)) {
					full := sec.Name + "." + key
					if env == Dev && full == "database.instanceClass" {
						continue // dev's Aurora class: a size, and dev is cost-driven
					}
					_, shape := costOrShape[full]
					assert.True(t, shape || slices.Contains(availability, full), "%s (%s) replaces %s in %s: list it as availability or as cost or shape", sec.Name, v.When, key, env)
					assert.Contains(t, v.Replaced, "`"+key+"`", "the docs of %q name every setting it replaces", v.When)
				}
			}
		}
	}
}

// droppedInProd lists the availability settings of section that object drops from the prod
// baseline.
func droppedInProd(t *testing.T, section, object string) []string {
	var out []string
	cfg := rebased(t, section, object)
	for _, k := range availability {
		s, setting, _ := strings.Cut(k, ".")
		if s == section && schema.Value(cfg, s, setting) != schema.Value(Baseline(Prod), s, setting) {
			out = append(out, setting)
		}
	}
	return out
}

// rebased is the prod config object makes, with its mode's baselines (errors ignored).
func rebased(t *testing.T, section, object string) Config {
	t.Helper()
	cfg, _ := ParseConfig(map[string]string{"tenk:environment": "prod", "tenk:" + section: object})
	return cfg
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// TestEveryVariantKeyIsASetting: the keys a variant's errors name exist in its section.
func TestEveryVariantKeyIsASetting(t *testing.T) {
	for _, sec := range schema.Sections {
		for _, v := range sec.Variants {
			for _, k := range v.Keys {
				assert.Contains(t, sec.Keys(), k, "%s: %s", sec.Name, v.When)
			}
		}
	}
}
