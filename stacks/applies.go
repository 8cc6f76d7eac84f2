package stacks

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/components/database"
)

// modeRule is one setting whose baseline value holds only for some engines or modes. When the
// rule does not hold, a value the stack set is reported (naming that key) and a baseline value is
// replaced without a word, so that switching one documented key (tenk:database.engine,
// tenk:cache.engine, tenk:cache.nodeCount, tenk:web.scalingMetric) is always enough.
type modeRule struct {
	// key is "section.setting".
	key string
	// holds says whether the current value suits the rest of the config.
	holds func(c Config) bool
	// fix replaces the value with the one that suits the rest of the config: "unused" (zero) for
	// a setting that does not apply, or the engine's own baseline.
	fix func(c *Config)
	// why completes "tenk:<key> is <value> …" when a value the stack set does not hold. Empty:
	// the component's own validation reports a set value (the value is legal, only the baseline
	// was chosen for another engine or mode).
	why func(c Config) string
}

// modeRules are every baseline value that depends on an engine or mode. Add a rule here when a
// baseline value stops being valid (or meaningful) after a user changes another documented key.
var modeRules = []modeRule{
	{
		key:   "database.allocatedStorageGb",
		holds: func(c Config) bool { return !aurora(c) || c.Database.AllocatedStorageGb == 0 },
		fix:   func(c *Config) { c.Database.AllocatedStorageGb = 0 },
		why:   auroraStorage,
	},
	{
		key:   "database.maxAllocatedStorageGb",
		holds: func(c Config) bool { return !aurora(c) || c.Database.MaxAllocatedStorageGb == 0 },
		fix:   func(c *Config) { c.Database.MaxAllocatedStorageGb = 0 },
		why:   auroraStorage,
	},
	{
		// The dev baseline's db.t4g.micro is not offered by Aurora (smallest: db.t4g.medium).
		key: "database.instanceClass",
		holds: func(c Config) bool {
			return !aurora(c) || c.Database.InstanceClass != Baseline(c.Environment).Database.InstanceClass
		},
		fix: func(c *Config) { c.Database.InstanceClass = auroraInstanceClass(c.Environment) },
	},
	{
		// Aurora's standby is a reader in another AZ (Aurora user guide, "High availability for Aurora").
		key:   "database.multiAz",
		holds: func(c Config) bool { return !aurora(c) || !c.Database.MultiAz || c.Database.ReadReplicas > 0 },
		fix:   func(c *Config) { c.Database.MultiAz = false },
		why: func(c Config) string {
			return "with tenk:database.readReplicas 0: an Aurora cluster fails over to a reader in another AZ; set readReplicas to 1 or more, or multiAz to false"
		},
	},
	{
		key:   "cache.multiAz",
		holds: func(c Config) bool { return !c.Cache.MultiAz || (!memcached(c) && c.Cache.Nodes >= 2) },
		fix:   func(c *Config) { c.Cache.MultiAz = false },
		why: func(c Config) string {
			if memcached(c) {
				return "but Memcached has no replication or failover (its nodes are spread across AZs anyway): set multiAz to false, or use engine \"valkey\""
			}
			// ElastiCache CreateReplicationGroup: Multi-AZ needs automatic failover, which needs a replica.
			return "with tenk:cache.nodeCount " + strconv.Itoa(c.Cache.Nodes) + ": Multi-AZ needs automatic failover, which needs at least 2 nodes; set nodeCount to 2 or more, or multiAz to false"
		},
	},
	{
		key:   "cache.snapshotRetentionDays",
		holds: func(c Config) bool { return !memcached(c) || c.Cache.SnapshotRetentionDays == 0 },
		fix:   func(c *Config) { c.Cache.SnapshotRetentionDays = 0 },
		why: func(c Config) string {
			return "but Memcached has no snapshots: set it to 0, or use engine \"valkey\""
		},
	},
	{
		// The baseline targets are CPU percentages; as requests per target per minute they would
		// scale out at a trickle. 0 takes the web tier's requests default.
		key: "web.scalingTarget",
		holds: func(c Config) bool {
			return c.Web.ScalingMetric != "requests" || c.Web.ScalingTarget != Baseline(c.Environment).Web.ScalingTarget
		},
		fix: func(c *Config) { c.Web.ScalingTarget = 0 },
	},
}

func aurora(c Config) bool {
	return c.Database.Engine == string(database.EngineAuroraPostgres) || c.Database.Engine == string(database.EngineAuroraMySQL)
}

func memcached(c Config) bool { return c.Cache.Engine == "memcached" }

func auroraStorage(c Config) string {
	return "but " + c.Database.Engine + " storage grows by itself: remove the setting (it applies to engines postgres and mysql)"
}

// dropInapplicable applies modeRules to a parsed config: values the stack set that do not hold
// are reported, baseline values that do not hold are replaced. Either way the config handed to
// the components holds, so their validation reports only what the stack set.
func dropInapplicable(p *problems, c *Config, set setKeys) {
	for _, r := range modeRules {
		if r.holds(*c) {
			continue
		}
		if set[r.key] {
			if r.why == nil {
				continue // legal on its own: the component's validation judges it
			}
			p.add("tenk:%s is %s %s", r.key, settingValue(*c, r.key), r.why(*c))
		}
		r.fix(c)
	}
}

// checkModes is dropInapplicable for a config built in Go, where every value counts as set.
func checkModes(p *problems, c Config) {
	for _, r := range modeRules {
		if !r.holds(c) && r.why != nil {
			p.add("tenk:%s is %s %s", r.key, settingValue(c, r.key), r.why(c))
		}
	}
}

// settingValue renders the current value of "section.setting" as it is written in JSON.
func settingValue(c Config, key string) string {
	name, setting, _ := strings.Cut(key, ".")
	s, _ := sectionNamed(name)
	r, ok := s.setting(setting)
	if !ok {
		return "?"
	}
	b, _ := json.Marshal(r.value(c))
	return string(b)
}
