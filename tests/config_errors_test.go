package tests_test

import (
	"encoding/json"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/stacks"
)

// goFieldNames are the exported field names of every component's args, nested structs included:
// words a config error must never show, since no config key is spelled that way.
func goFieldNames() map[string]bool {
	names := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || !strings.HasPrefix(t.PkgPath(), "github.com/tenkstack/") {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				names[f.Name] = true
				walk(f.Type)
			}
		}
	}
	for _, args := range []any{network.NetworkArgs{}, webtier.MultiAZWebTierArgs{}, database.RdsWithReplicasArgs{}, cache.CacheClusterArgs{}, sessions.SessionTableArgs{}, cdn.StaticAssetsCdnArgs{}} {
		walk(reflect.TypeOf(args))
	}
	return names
}

// badValues are values of a setting's JSON type that break one limit or another.
func badValues(t reflect.Type) []string {
	switch t.Kind() {
	case reflect.Int:
		return []string{"-1", "0", "1", "2", "7", "16", "45", "100", "70000"}
	case reflect.Float64:
		return []string{"-1", "0", "101", "1000000"}
	case reflect.Bool:
		return []string{"true", "false"}
	case reflect.String:
		return []string{`""`, `"x"`, `"Bad Value"`, `"db.t4g.micro"`, `"cache.t4g.micro"`, `"/ok"`, `"10.0.0.0/8"`, `"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/x/y"`}
	case reflect.Slice:
		return []string{`[]`, `[""]`, `["x"]`, `["/a/*", "/a/*"]`, `["two\nlines"]`}
	case reflect.Map:
		return []string{`{}`, `{"1BAD": "x"}`, `{"DB_HOST": "x"}`, `{"APP_PORT": "1"}`, `{"A": "two\nlines"}`, `{"A": 1}`}
	}
	return []string{"null"}
}

// modes are the engine and mode values each section's settings are crossed with, so that errors
// only one engine can raise are reached too.
var modes = map[string][]string{
	"database": {`{"engine": "postgres"}`, `{"engine": "mysql"}`, `{"engine": "aurora-postgresql"}`, `{"engine": "aurora-mysql"}`},
	"cache":    {`{"engine": "valkey"}`, `{"engine": "redis"}`, `{"engine": "memcached"}`},
	"network":  {`{"natGateways": "none"}`, `{"natGateways": "onePerAz"}`},
	"web":      {`{"scalingMetric": "cpu"}`, `{"scalingMetric": "requests"}`, `{"stickySessions": true}`},
	// An image, a build (the reference application's context, from tests/), and the built-in server.
	"app": {`{"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v1"}`, `{"build": "../app"}`},
}

var (
	wordRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
	keyRE  = regexp.MustCompile(`tenk:[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?`)
)

// TestConfigErrorsNameOnlyConfigKeys drives every setting of every section through values that
// break its limits, in both environments and under every engine or mode, plus the top-level keys
// and known combinations, and checks each problem reported: it starts with a tenk key, every tenk
// key it names exists, and it names no Go field of a component's args.
func TestConfigErrorsNameOnlyConfigKeys(t *testing.T) {
	fields := goFieldNames()
	valid := map[string]bool{}
	for _, k := range stacks.AllKeys() {
		valid[k] = true
		if section, _, ok := strings.Cut(k, "."); ok {
			valid[section] = true
		}
	}

	var inputs []map[string]string
	base := func(env string) map[string]string {
		return map[string]string{"tenk:environment": env, "aws:region": "us-east-1"}
	}
	for _, env := range []string{"dev", "prod"} {
		for _, setting := range stacks.Settings() {
			for _, mode := range append([]string{`{}`}, modes[setting.Section]...) {
				for _, v := range badValues(setting.Type) {
					var obj map[string]any
					require.NoError(t, json.Unmarshal([]byte(mode), &obj))
					obj[setting.Key] = json.RawMessage(v)
					b, err := json.Marshal(obj)
					require.NoError(t, err)
					in := base(env)
					in["tenk:"+setting.Section] = string(b)
					inputs = append(inputs, in)
				}
			}
		}
		for _, top := range []map[string]string{
			{"tenk:domain": "www.example.com"}, {"tenk:hostedZoneId": "Z1"},
			{"tenk:domain": "-bad-", "tenk:hostedZoneId": "Z1"},
			{"tenk:alarmEmails": `["nobody"]`}, {"tenk:alarmEmails": `"ops@example.com"`},
			{"tenk:protect": "maybe"}, {"tenk:environment": "staging"},
			{"tenk:cdn": `{"webAclArn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y"}`, "tenk:domain": "example.com", "tenk:hostedZoneId": "Z1"},
			{"tenk:web": `{"minSize": 5, "maxSize": 2, "desiredCapacity": 9}`},
			{"tenk:database": `{"allocatedStorageGiB": 500, "maxAllocatedStorageGiB": 100}`},
			{"tenk:database": `{"readReplicas": 3, "backupRetentionDays": 0, "multiAz": true}`},
			{"tenk:cache": `{"multiAz": true, "nodeCount": 1}`},
			{"tenk:cache": `{"engine": "memcached", "nodeCount": 41, "multiAz": true, "snapshotRetentionDays": 3}`},
			{"tenk:cache": `{"engine": "redis", "engineVersion": "8.0"}`},
			{"tenk:network": `{"availabilityZoneCount": 1, "natGateways": "onePerAz"}`},
			{"tenk:network": `{"flowLogs": true, "flowLogRetentionDays": 4}`},
		} {
			in := base(env)
			for k, v := range top {
				in[k] = v
			}
			inputs = append(inputs, in)
		}
	}

	seen := map[string]bool{}
	for _, in := range inputs {
		_, err := stacks.ParseConfig(in)
		if err == nil {
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		require.True(t, strings.HasPrefix(lines[0], "invalid stack config"), lines[0])
		for _, line := range lines[1:] {
			line = strings.TrimPrefix(strings.TrimSpace(line), "- ")
			seen[line] = true
		}
	}
	messages := make([]string, 0, len(seen))
	for m := range seen {
		messages = append(messages, m)
	}
	sort.Strings(messages)
	require.Greater(t, len(messages), 100, "the inputs must reach many distinct problems, or this test checks nothing")
	for _, m := range messages {
		assert.True(t, strings.HasPrefix(m, "tenk:"), "a problem starts with the key it is about: %s", m)
		for _, key := range keyRE.FindAllString(m, -1) {
			// Keys quoted from the user's input may be unknown ones; the message then says so.
			if strings.Contains(m, "is not a") || strings.Contains(m, "no longer a setting") || strings.Contains(m, "is a key of its own") {
				continue
			}
			assert.True(t, valid[key], "%q names %s, which is no config key", m, key)
		}
		for _, word := range wordRE.FindAllString(stripQuoted(m), -1) {
			assert.False(t, fields[word], "%q names the Go field %s: say which config key sets it", m, word)
		}
	}
	t.Logf("%d distinct problems checked", len(messages))
}

// stripQuoted removes the user's own values ("db.t4g.micro", "Bad Value") from a message, and
// AWS service names whose words happen to be field names too ("CloudWatch Logs"), so only
// tenk's own words are checked.
func stripQuoted(m string) string {
	m = strings.ReplaceAll(m, "CloudWatch Logs", "CloudWatch-logs")
	return regexp.MustCompile(`"[^"]*"`).ReplaceAllString(m, `""`)
}

func TestGoFieldNamesAreFound(t *testing.T) {
	fields := goFieldNames()
	for _, f := range []string{"AutomaticFailover", "AllocatedStorageGiB", "StickinessDurationSeconds", "AvailabilityZoneCount", "CPUPercent"} {
		assert.True(t, fields[f], f)
	}
	assert.Greater(t, len(fields), 50)
}
