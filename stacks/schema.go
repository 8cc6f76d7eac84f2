package stacks

import "github.com/tenkstack/tenk/internal/configschema"

// Namespace is the config namespace of every tenk key.
const Namespace = "tenk"

// schema is the stack configuration: the top-level keys (table_top.go), then one section per
// table_<section>.go, in the order the docs list them. A new section is its table file and its
// line here (and its field in Config, which Deploy reads).
var schema = configschema.Schema[Config]{
	Namespace: Namespace,
	Top:       topKeys,
	Sections: []configschema.Section[Config]{
		networkSection,
		webSection,
		databaseSection,
		cdnSection,
		sessionsSection,
		cacheSection,
		appSection,
	},
	Retired:      retiredKeys,
	Availability: availability,
}.Resolve()

// availability are the baseline values that keep a prod stack available or durable. A switch of
// engine or mode that cannot keep one (Memcached has no Multi-AZ or snapshots; an Aurora cluster
// without readers has no standby) is an error in prod that names both keys and the ways out,
// never a silent drop; dev's baseline has none of them to lose. Every other value a switch
// replaces is cost or shape (TestEveryReplacedBaselineValueIsClassified).
var availability = []string{
	"database.multiAz",
	"cache.multiAz",
	"cache.snapshotRetentionDays",
}

// retiredKeys are settings tenk once documented, with what to do instead; they are rejected with
// that advice rather than as misspellings.
var retiredKeys = map[string]string{
	// The cache component has no AUTH switch: Valkey and Redis OSS always get a generated token
	// over TLS, and Memcached has no AUTH at all, so the key could only ever be "right" or an error.
	"cache.auth": "AUTH is always on for Valkey and Redis OSS (a generated token, kept in Secrets Manager, over TLS) and Memcached has none; remove the setting",
	// Renamed to the lowerCamel name of the component field they set (issues 14 and 25).
	"cache.nodes":                    "it is now tenk:cache.nodeCount; rename the setting",
	"web.stickinessSeconds":          "it is now tenk:web.stickinessDurationSeconds; rename the setting",
	"database.monitoringInterval":    "it is now tenk:database.monitoringIntervalSeconds; rename the setting",
	"network.azCount":                "it is now tenk:network.availabilityZoneCount; rename the setting",
	"database.allocatedStorageGb":    "it is now tenk:database.allocatedStorageGiB (the unit is GiB); rename the setting",
	"database.maxAllocatedStorageGb": "it is now tenk:database.maxAllocatedStorageGiB (the unit is GiB); rename the setting",
}

// Baseline returns the starting config of an environment (dev unless env is prod): each
// section's baseline Args (table_*.go). The stack file's settings override it. Dev relaxes only
// what costs money (AZs, NAT, sizes, replicas, retention, protection against deletion), never
// encryption, TLS or network exposure.
func Baseline(env Environment) Config {
	if env != Prod {
		env = Dev
	}
	c := Config{Environment: env}
	schema.Baseline(&c)
	return c
}

// TopLevelKeys returns every top-level tenk key ("environment", …, "network", …) in order.
func TopLevelKeys() []string { return schema.TopLevelKeys() }

// AllKeys returns every key a user can set, fully qualified: top-level keys and, for each
// section, "tenk:<section>.<setting>" (the --path form of `pulumi config set`).
func AllKeys() []string { return schema.AllKeys() }

// Setting describes one section setting for tools and tests (configschema.SettingInfo).
type Setting = configschema.SettingInfo

// Settings lists every section setting in table order.
func Settings() []Setting { return schema.Settings() }

// either is a baseline value: dev's, or prod's in prod.
func either[T any](env Environment, dev, prod T) T {
	if env == Prod {
		return prod
	}
	return dev
}
