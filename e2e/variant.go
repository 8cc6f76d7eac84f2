package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Variant is a stack shape the acceptance test deploys: the dev baseline or one change to it.
type Variant string

// The variants (`make e2e VARIANT=…`).
const (
	// VariantDev is the dev baseline: PostgreSQL, Valkey, no domain.
	VariantDev Variant = "dev"
	// VariantAurora is dev with aurora-postgresql and one Aurora Replica.
	VariantAurora Variant = "aurora"
	// VariantMemcached is dev with a Memcached cache (TLS, no AUTH).
	VariantMemcached Variant = "memcached"
	// VariantDomain is dev with tenk:domain and tenk:hostedZoneId (ACM certificates, DNS records).
	VariantDomain Variant = "domain"
)

// ConfigEntry is one `pulumi config set` of the throwaway stack. Path entries address a
// setting inside a section object ("tenk:database.engine"); the CLI stores their "true"/"false"
// and whole numbers as booleans and numbers (Pulumi docs, Configuration, "Structured
// configuration": `pulumi config set --path 'data.active' true` stores a boolean).
type ConfigEntry struct {
	Key   string
	Value string
	Path  bool
}

// Shape is what a variant deploys, as far as the probes need to know it.
type Shape struct {
	// DatabaseEngine is tenk:database.engine ("postgres" or "aurora-postgresql").
	DatabaseEngine string
	// ReadReplicas is tenk:database.readReplicas.
	ReadReplicas int
	// CacheEngine is tenk:cache.engine ("valkey" or "memcached").
	CacheEngine string
	// Domain is tenk:domain ("" for none).
	Domain string
	// App is true when the stack runs the reference application (app/) instead of the built-in
	// server: its deep probes replace the shell checks they cover (appprobe.go).
	App bool
	// Rollout is true when, after the probes, the test ships a release that fails its health
	// check and then a fixed one, and asserts how each rolled out (rollout.go).
	Rollout bool
}

var variants = map[Variant]func(s Settings) ([]ConfigEntry, Shape){
	VariantDev: func(Settings) ([]ConfigEntry, Shape) {
		return nil, Shape{DatabaseEngine: "postgres", CacheEngine: "valkey"}
	},
	VariantAurora: func(Settings) ([]ConfigEntry, Shape) {
		return []ConfigEntry{
			{Key: "tenk:database.engine", Value: "aurora-postgresql", Path: true},
			{Key: "tenk:database.readReplicas", Value: "1", Path: true},
			// Aurora offers no micro or small classes: the smallest Graviton class is medium.
			{Key: "tenk:database.instanceClass", Value: "db.t4g.medium", Path: true},
		}, Shape{DatabaseEngine: "aurora-postgresql", ReadReplicas: 1, CacheEngine: "valkey"}
	},
	VariantMemcached: func(Settings) ([]ConfigEntry, Shape) {
		return []ConfigEntry{
			// One key: the baseline's Valkey-only settings (snapshots, Multi-AZ) drop away.
			{Key: "tenk:cache.engine", Value: "memcached", Path: true},
		}, Shape{DatabaseEngine: "postgres", CacheEngine: "memcached"}
	},
	VariantDomain: func(s Settings) ([]ConfigEntry, Shape) {
		return []ConfigEntry{
			{Key: "tenk:domain", Value: s.Domain},
			{Key: "tenk:hostedZoneId", Value: s.HostedZoneID},
		}, Shape{DatabaseEngine: "postgres", CacheEngine: "valkey", Domain: s.Domain}
	},
}

// VariantNames lists the variants, sorted.
func VariantNames() []string {
	names := make([]string, 0, len(variants))
	for v := range variants {
		names = append(names, string(v))
	}
	sort.Strings(names)
	return names
}

// StackConfig is the whole config of the throwaway stack for s: the dev baseline, every
// protection off so that the stack can always be destroyed (for this stack only: the
// repository's stack files are untouched), then the variant's changes. The second value is
// what the probes expect to find.
func StackConfig(s Settings) ([]ConfigEntry, Shape) {
	entries := []ConfigEntry{
		{Key: "aws:region", Value: s.Region},
		{Key: "tenk:environment", Value: "dev"},
		{Key: "tenk:protect", Value: strconv.FormatBool(false)},
		{Key: "tenk:web.deletionProtection", Value: "false", Path: true},
		{Key: "tenk:database.deletionProtection", Value: "false", Path: true},
		{Key: "tenk:sessions.deletionProtection", Value: "false", Path: true},
		// An emptied bucket deletes; a bucket with objects (our probe's, CloudFront's) does not.
		{Key: "tenk:cdn.forceDestroy", Value: "true", Path: true},
	}
	extra, shape := variantConfig(s.Variant)(s)
	return append(entries, extra...), shape
}

// variantConfig is the config function of v.
func variantConfig(v Variant) func(Settings) ([]ConfigEntry, Shape) { return variants[v] }

// ExpectedSettings are the /etc/tenk/app.env variables every instance must have for shape (the
// README's "What the application reads"). Others may be present too.
func ExpectedSettings(shape Shape) []string {
	keys := []string{
		"DB_HOST", "DB_PORT", "DB_NAME", "DB_SECRET_ARN",
		"CACHE_HOST", "CACHE_PORT",
		"SESSION_TABLE", "SESSION_KEY_ATTR", "SESSION_TTL_ATTR",
		"ASSETS_BUCKET", "SITE_URL",
	}
	if shape.ReadReplicas > 0 {
		keys = append(keys, "DB_READER_HOSTS")
	}
	if shape.CacheEngine != "memcached" {
		keys = append(keys, "CACHE_READER_HOST", "CACHE_AUTH_SECRET_ARN")
	}
	sort.Strings(keys)
	return keys
}

// ProgramConfig is the config as the Pulumi CLI hands it to the program after the entries are
// set: plain keys as their string, path entries merged into their section's object (nested
// objects for deeper paths, "tenk:app.environment.NAME"), stored as JSON, with "true"/"false"
// as booleans and whole numbers as numbers (path-mode typing, see ConfigEntry). Unit tests run
// the real program on it under mocks. List paths ("a[0]") are not supported: no variant sets one.
func ProgramConfig(entries []ConfigEntry) (map[string]string, error) {
	out := map[string]string{}
	sections := map[string]map[string]any{}
	var order []string
	for _, e := range entries {
		if !e.Path {
			out[e.Key] = e.Value
			continue
		}
		section, path, _ := strings.Cut(e.Key, ".")
		fields := strings.Split(path, ".")
		if path == "" || slices.Contains(fields, "") || strings.ContainsAny(path, "[]") {
			return nil, fmt.Errorf("config path %q: want <namespace>:<section>.<setting>[.<key>…] (no list indices)", e.Key)
		}
		if _, seen := sections[section]; !seen {
			sections[section] = map[string]any{}
			order = append(order, section)
		}
		if err := setPath(sections[section], fields, typedValue(e.Value)); err != nil {
			return nil, fmt.Errorf("config path %q: %w", e.Key, err)
		}
	}
	for _, section := range order {
		data, err := json.Marshal(sections[section])
		if err != nil {
			return nil, err
		}
		out[section] = string(data)
	}
	return out, nil
}

// setPath sets obj[fields[0]][fields[1]]… = v, creating objects on the way; a field that already
// holds a plain value cannot also hold an object.
func setPath(obj map[string]any, fields []string, v any) error {
	for i, f := range fields[:len(fields)-1] {
		next, ok := obj[f]
		if !ok {
			next = map[string]any{}
			obj[f] = next
		}
		m, ok := next.(map[string]any)
		if !ok {
			return fmt.Errorf("%s holds a plain value, not an object", strings.Join(fields[:i+1], "."))
		}
		obj = m
	}
	obj[fields[len(fields)-1]] = v
	return nil
}

func typedValue(v string) any {
	switch v {
	case "true":
		return true
	case "false":
		return false
	}
	if n, err := strconv.Atoi(v); err == nil {
		return n
	}
	return v
}
