package cache

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Engine is the cache engine a CacheCluster runs.
type Engine string

const (
	// EngineValkey is Valkey, the open-source fork of Redis: wire-compatible with Redis OSS clients
	// and priced below Redis OSS on ElastiCache.
	EngineValkey Engine = "valkey"
	// EngineRedis is Redis OSS.
	EngineRedis Engine = "redis"
	// EngineMemcached is Memcached: multi-threaded and sharded by the client, with no replication,
	// persistence or AUTH.
	EngineMemcached Engine = "memcached"
)

// engineSpec is what tenk knows about one engine: the one table every per-engine decision reads.
type engineSpec struct {
	// port is the engine's default port, the one the security group opens.
	port int
	// defaultVersion is the version used when EngineVersion is empty.
	defaultVersion string
	// minVersion is the oldest version tenk accepts, and why.
	minVersion version
	minReason  string
	// maxMajor, when set, is the newest major version the engine has on ElastiCache.
	maxMajor  int
	maxReason string
	// replicated engines run as a replication group (primary + replicas, AUTH, snapshots, logs);
	// the others as a plain cluster.
	replicated bool
	// family derives the parameter group family from a version.
	family func(v version) string
}

var engines = map[Engine]engineSpec{
	EngineValkey: {
		port:           6379,
		defaultVersion: "8.0",
		minVersion:     version{7, 2, 0},
		minReason:      "7.2 is the first Valkey release on ElastiCache",
		replicated:     true,
		family:         func(v version) string { return fmt.Sprintf("valkey%d", v.major) },
	},
	EngineRedis: {
		port:           6379,
		defaultVersion: "7.1",
		// Engine-log delivery to CloudWatch Logs needs Redis OSS 6.2 (ElastiCache "Log delivery").
		minVersion: version{6, 2, 0},
		minReason:  "engine-log delivery and current TLS support need 6.2",
		// Redis OSS on ElastiCache ends at 7.1; newer releases are Valkey.
		maxMajor:   7,
		maxReason:  "Redis OSS on ElastiCache ends at 7.1",
		replicated: true,
		family: func(v version) string {
			if v.major == 6 {
				return "redis6.x"
			}
			return fmt.Sprintf("redis%d", v.major)
		},
	},
	EngineMemcached: {
		port:           11211,
		defaultVersion: "1.6.22",
		// In-transit encryption for Memcached starts at 1.6.12 (ElastiCache "In-transit encryption").
		minVersion: version{1, 6, 12},
		minReason:  "in-transit encryption, which tenk always turns on, needs Memcached 1.6.12",
		replicated: false,
		family:     func(v version) string { return fmt.Sprintf("memcached%d.%d", v.major, v.minor) },
	},
}

// version is a parsed engine version; missing parts are zero.
type version struct{ major, minor, patch int }

func (v version) less(o version) bool {
	if v.major != o.major {
		return v.major < o.major
	}
	if v.minor != o.minor {
		return v.minor < o.minor
	}
	return v.patch < o.patch
}

func (v version) String() string { return fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch) }

// parseVersion accepts "major.minor" and "major.minor.patch", all numeric.
func parseVersion(s string) (version, error) {
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return version{}, fielderr.New("EngineVersion", "%q is not major.minor or major.minor.patch: use a version such as \"8.0\" or \"1.6.22\"", s)
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return version{}, fielderr.New("EngineVersion", "%q has a non-numeric part %q: spell every part as a number, e.g. \"7.1\" rather than \"7.x\"", s, p)
		}
		nums[i] = n
	}
	return version{nums[0], nums[1], nums[2]}, nil
}

// checkVersion reports whether engine e can run version s under tenk's rules (TLS always on).
func checkVersion(e Engine, s string) (version, error) {
	spec := engines[e]
	v, err := parseVersion(s)
	if err != nil {
		return version{}, err
	}
	if v.less(spec.minVersion) {
		return v, fielderr.New("EngineVersion", "%q is too old for %s: %s; use %s or later (default %s)", s, e, spec.minReason, spec.minVersion, spec.defaultVersion)
	}
	if spec.maxMajor > 0 && v.major > spec.maxMajor {
		return v, fielderr.New("EngineVersion", "%q: %s; for newer versions set %s to %q", s, spec.maxReason, fielderr.Ref("Engine"), EngineValkey)
	}
	return v, nil
}

// parameterGroupFamily returns the ElastiCache parameter group family for an engine and version
// ("valkey8", "redis7", "redis6.x", "memcached1.6"); the family must match the engine version or
// CreateCacheParameterGroup's group cannot be attached.
func parameterGroupFamily(e Engine, engineVersion string) (string, error) {
	spec, ok := engines[e]
	if !ok {
		return "", fielderr.New("Engine", "is %q, which is unknown: use %q, %q or %q", e, EngineValkey, EngineRedis, EngineMemcached)
	}
	v, err := checkVersion(e, engineVersion)
	if err != nil {
		return "", err
	}
	return spec.family(v), nil
}

// DefaultPort returns the port an engine listens on: 6379 for Valkey and Redis OSS, 11211 for
// Memcached.
func DefaultPort(e Engine) int { return engines[e].port }

// DefaultVersion returns the engine version used when EngineVersion is empty.
func DefaultVersion(e Engine) string { return engines[e].defaultVersion }
