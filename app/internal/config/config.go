package config

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Config is everything the application reads at start.
type Config struct {
	// Port is the HTTP port the load balancer forwards to (APP_PORT, tenk:web.appPort).
	Port int
	// HealthPath is the load balancer's health-check path (APP_HEALTH_PATH,
	// tenk:web.healthCheckPath); it answers shallowly, like /healthz.
	HealthPath string
	// Region is the AWS region of the stack (AWS_REGION), used to sign IAM database tokens.
	Region string
	// Database is the RDS or Aurora database.
	Database Database
	// Cache is the ElastiCache cache.
	Cache Cache
	// Sessions is the DynamoDB session table.
	Sessions Sessions
	// AssetsBucket is the bucket CloudFront serves /static/ from (ASSETS_BUCKET).
	AssetsBucket string
	// SiteURL is the public URL, through CloudFront (SITE_URL).
	SiteURL string
	// SettingsVersion is the hash of all other settings (SETTINGS_VERSION), shown by the deep
	// check so an operator sees which settings an instance runs with.
	SettingsVersion string
}

// Database is where the application keeps its rows.
type Database struct {
	// Host is the writer endpoint (DB_HOST); it follows a Multi-AZ failover.
	Host string
	// Port is the engine port (DB_PORT).
	Port int
	// Name is the database name (DB_NAME).
	Name string
	// ReaderHosts are the read replicas' endpoints (DB_READER_HOSTS), empty without replicas.
	ReaderHosts []string
	// SecretARN names the master credentials in Secrets Manager (DB_SECRET_ARN).
	SecretARN string
	// IAMAuth is true when the application signs in with IAM tokens (DB_IAM_AUTH).
	IAMAuth bool
	// IAMUser is the database user for IAM tokens (DB_IAM_USER), set when IAMAuth is true.
	IAMUser string
}

// Cache is Valkey/Redis OSS (AuthSecretARN set) or Memcached (AuthSecretARN empty).
type Cache struct {
	// Host is the primary endpoint, or Memcached's configuration endpoint (CACHE_HOST).
	Host string
	// ReaderHost is the reader endpoint (CACHE_READER_HOST), Valkey/Redis OSS only.
	ReaderHost string
	// Port is the cache port (CACHE_PORT).
	Port int
	// AuthSecretARN names the secret holding the AUTH token (CACHE_AUTH_SECRET_ARN); the stack
	// publishes it for Valkey/Redis OSS only, so its absence means Memcached.
	AuthSecretARN string
}

// Memcached reports whether the cache is Memcached (no AUTH secret published).
func (c Cache) Memcached() bool { return c.AuthSecretARN == "" }

// Sessions is the DynamoDB session table.
type Sessions struct {
	// Table is the table name (SESSION_TABLE).
	Table string
	// KeyAttr is the table's partition key, a string attribute holding the session ID
	// (SESSION_KEY_ATTR).
	KeyAttr string
	// TTLAttr is the Number attribute holding each item's expiry in epoch seconds
	// (SESSION_TTL_ATTR).
	TTLAttr string
}

// Load reads the configuration through lookup (os.LookupEnv in production). It reports every
// missing or malformed variable at once, each naming the variable and the fix.
func Load(lookup func(string) (string, bool)) (Config, error) {
	r := reader{lookup: lookup}
	c := Config{
		Port:            r.port("APP_PORT"),
		HealthPath:      r.path("APP_HEALTH_PATH"),
		Region:          r.required("AWS_REGION"),
		AssetsBucket:    r.required("ASSETS_BUCKET"),
		SiteURL:         r.url("SITE_URL"),
		SettingsVersion: r.required("SETTINGS_VERSION"),
		Database: Database{
			Host:        r.host("DB_HOST"),
			Port:        r.port("DB_PORT"),
			Name:        r.required("DB_NAME"),
			ReaderHosts: r.hostList("DB_READER_HOSTS"),
			SecretARN:   r.arn("DB_SECRET_ARN", true),
			IAMAuth:     r.boolean("DB_IAM_AUTH"),
		},
		Cache: Cache{
			Host:          r.host("CACHE_HOST"),
			Port:          r.port("CACHE_PORT"),
			AuthSecretARN: r.arn("CACHE_AUTH_SECRET_ARN", false),
		},
		Sessions: Sessions{
			Table:   r.required("SESSION_TABLE"),
			KeyAttr: r.required("SESSION_KEY_ATTR"),
			TTLAttr: r.required("SESSION_TTL_ATTR"),
		},
	}
	if c.Database.IAMAuth {
		c.Database.IAMUser = r.required("DB_IAM_USER")
	}
	if !c.Cache.Memcached() {
		if v, ok := r.optional("CACHE_READER_HOST"); ok {
			c.Cache.ReaderHost = r.checkHost("CACHE_READER_HOST", v)
		}
	}
	if c.Database.Port == 3306 {
		// One code path, one engine: the application speaks PostgreSQL only (README, "The
		// reference application").
		r.fail("DB_PORT", "is 3306, a MySQL port: this application supports the PostgreSQL engines only (postgres, aurora-postgresql); set tenk:database.engine to one of them")
	}
	return c, errors.Join(r.errs...)
}

// reader collects one error per bad variable instead of stopping at the first.
type reader struct {
	lookup func(string) (string, bool)
	errs   []error
}

func (r *reader) fail(name, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("%s %s", name, fmt.Sprintf(format, args...)))
}

func (r *reader) optional(name string) (string, bool) {
	v, ok := r.lookup(name)
	v = strings.TrimSpace(v)
	return v, ok && v != ""
}

func (r *reader) required(name string) string {
	v, ok := r.optional(name)
	if !ok {
		r.fail(name, "is not set: the stack writes it to /etc/tenk/app.env; run the container with --env-file /etc/tenk/app.env (or set it by hand when running locally)")
	}
	return v
}

func (r *reader) port(name string) int {
	v := r.required(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 65535 {
		r.fail(name, "is %q: want a port number 1–65535", v)
		return 0
	}
	return n
}

func (r *reader) path(name string) string {
	v := r.required(name)
	if v != "" && (!strings.HasPrefix(v, "/") || strings.ContainsAny(v, "?# ")) {
		r.fail(name, "is %q: want an absolute URL path such as /healthz (no query, no spaces)", v)
	}
	return v
}

func (r *reader) host(name string) string {
	return r.checkHost(name, r.required(name))
}

func (r *reader) checkHost(name, v string) string {
	if v == "" {
		return ""
	}
	if strings.ContainsAny(v, ":/ ,") {
		if _, _, err := net.SplitHostPort(v); err == nil {
			r.fail(name, "is %q: want a host name without a port (the port has its own variable)", v)
		} else {
			r.fail(name, "is %q: want a bare host name such as db.abc123.eu-west-1.rds.amazonaws.com", v)
		}
	}
	return v
}

func (r *reader) hostList(name string) []string {
	v, ok := r.optional(name)
	if !ok {
		return nil
	}
	var hosts []string
	for _, h := range strings.Split(v, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			r.fail(name, "is %q: an empty entry; want host names separated by commas", v)
			return nil
		}
		hosts = append(hosts, r.checkHost(name, h))
	}
	return hosts
}

func (r *reader) arn(name string, required bool) string {
	var v string
	if required {
		v = r.required(name)
	} else {
		v, _ = r.optional(name)
	}
	if v != "" && !strings.HasPrefix(v, "arn:") {
		r.fail(name, "is %q: want a Secrets Manager ARN (arn:aws:secretsmanager:…)", v)
	}
	return v
}

func (r *reader) boolean(name string) bool {
	v := r.required(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(name, "is %q: want true or false", v)
	}
	return b
}

func (r *reader) url(name string) string {
	v := r.required(name)
	if v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
		r.fail(name, "is %q: want an absolute URL such as https://d111111abcdef8.cloudfront.net", v)
	}
	return v
}
