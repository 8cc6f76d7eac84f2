package database

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Engine is the database engine. RDS engines build DB instances; Aurora engines build a cluster.
type Engine string

const (
	// EnginePostgres is RDS for PostgreSQL (the default).
	EnginePostgres Engine = "postgres"
	// EngineMySQL is RDS for MySQL.
	EngineMySQL Engine = "mysql"
	// EngineAuroraPostgres is Aurora PostgreSQL-Compatible: a cluster with a writer and readers.
	EngineAuroraPostgres Engine = "aurora-postgresql"
	// EngineAuroraMySQL is Aurora MySQL-Compatible: a cluster with a writer and readers.
	EngineAuroraMySQL Engine = "aurora-mysql"
)

// Engines lists the supported engines in documentation order.
var Engines = []Engine{EnginePostgres, EngineMySQL, EngineAuroraPostgres, EngineAuroraMySQL}

// engineSpec is what tenk knows about one engine: its defaults and AWS's limits.
type engineSpec struct {
	Engine Engine
	// Aurora is true for the cluster engines.
	Aurora bool
	// DefaultVersion is the default engine version: a major version everywhere, so a new database
	// starts on a minor version in standard support. RDS resolves a major version to its default
	// minor itself; for Aurora the component looks the default minor up (rds.getEngineVersion).
	// AutoMinorVersionUpgrade then keeps it current without the program fighting the upgrades.
	DefaultVersion string
	// DefaultInstanceClass is a production class the engine supports (Aurora has no db.m classes).
	DefaultInstanceClass string
	// Port is the engine's default port.
	Port int
	// MaxReplicas is AWS's limit on read replicas per source (RDS) or Aurora Replicas per cluster.
	MaxReplicas int
	// Parameters go into the (cluster) parameter group: TLS enforcement first, then slow-query
	// logging so the exported logs are useful.
	Parameters []Parameter
	// LogExports are the CloudWatch Logs exports enabled by default.
	LogExports []string
	// MaxUsernameLength and MaxDatabaseNameLength are CreateDBInstance/CreateDBCluster limits.
	MaxUsernameLength     int
	MaxDatabaseNameLength int
}

// Parameter is one DB parameter.
type Parameter struct {
	Name, Value string
}

// postgresSpec and mysqlSpec are what an engine family's RDS and Aurora flavours share: port,
// name limits, slow-query logging and the replica limit (CreateDBInstanceReadReplica: "up to 15
// read replicas" for MySQL, MariaDB and PostgreSQL; Aurora user guide, "Amazon Aurora DB
// clusters": up to 15 Aurora Replicas per cluster).
var (
	postgresSpec = engineSpec{Port: 5432, MaxReplicas: 15, MaxUsernameLength: 63, MaxDatabaseNameLength: 63}
	mysqlSpec    = engineSpec{Port: 3306, MaxReplicas: 15, MaxUsernameLength: 16, MaxDatabaseNameLength: 64}
)

// specFor returns the engine's spec, or false for an engine tenk does not support. Each engine
// differs from its family's spec in its defaults, its TLS parameter and its log exports.
func specFor(e Engine) (engineSpec, bool) {
	var s engineSpec
	switch e {
	case EnginePostgres:
		s = postgresSpec
		s.DefaultVersion, s.DefaultInstanceClass = "17", "db.m7g.large"
		// RDS PostgreSQL user guide, "Requiring an SSL/TLS connection": rds.force_ssl=1 (the
		// default only from PostgreSQL 15; set anyway so the guarantee is ours).
		s.Parameters = []Parameter{{"rds.force_ssl", "1"}, {"log_min_duration_statement", "2000"}}
		s.LogExports = []string{"postgresql", "upgrade"}
	case EngineMySQL:
		s = mysqlSpec
		s.DefaultVersion, s.DefaultInstanceClass = "8.4", "db.m7g.large"
		// RDS MySQL user guide, "Requiring SSL/TLS for all connections": DB instance parameter
		// groups take 1 (ON); the cluster groups of Aurora take "ON".
		s.Parameters = []Parameter{{"require_secure_transport", "1"}, {"slow_query_log", "1"}, {"long_query_time", "2"}}
		s.LogExports = []string{"error", "slowquery"}
	case EngineAuroraPostgres:
		s = postgresSpec
		s.Aurora, s.DefaultVersion, s.DefaultInstanceClass = true, "16", "db.r7g.large"
		// Aurora PostgreSQL user guide, "Requiring an SSL/TLS connection": rds.force_ssl=1 in the
		// cluster parameter group.
		s.Parameters = []Parameter{{"rds.force_ssl", "1"}, {"log_min_duration_statement", "2000"}}
		s.LogExports = []string{"postgresql"}
	case EngineAuroraMySQL:
		s = mysqlSpec
		s.Aurora, s.DefaultVersion, s.DefaultInstanceClass = true, "8.0", "db.r7g.large"
		// Aurora MySQL user guide, "Requiring a TLS connection": require_secure_transport=ON in
		// the cluster parameter group.
		s.Parameters = []Parameter{{"require_secure_transport", "ON"}, {"slow_query_log", "1"}, {"long_query_time", "2"}}
		s.LogExports = []string{"error", "slowquery"}
	default:
		return engineSpec{}, false
	}
	s.Engine = e
	return s, true
}

// parameterFamily returns the parameter group family for an engine version ("17.4" → "postgres17",
// "8.0.40" → "mysql8.0", "8.0.mysql_aurora.3.08.2" → "aurora-mysql8.0"). A parameter group whose
// family does not match the instance's version is rejected by RDS (CreateDBParameterGroup,
// DBParameterGroupFamily).
func parameterFamily(e Engine, version string) (string, error) {
	parts := strings.Split(version, ".")
	major, err := strconv.Atoi(parts[0])
	if err != nil || version == "" {
		return "", fielderr.New("EngineVersion", "%q is not a %s version: use a number such as %q", version, e, defaultVersion(e))
	}
	switch e {
	case EnginePostgres, EngineAuroraPostgres:
		// PostgreSQL 10 and later name their family after the major version alone.
		if major < 13 {
			return "", fielderr.New("EngineVersion", "%q: PostgreSQL %d is past standard support on RDS; use 13 or later (default %q)", version, major, defaultVersion(e))
		}
		return fmt.Sprintf("%s%d", e, major), nil
	case EngineMySQL, EngineAuroraMySQL:
		if len(parts) < 2 {
			return "", fielderr.New("EngineVersion", "%q: a MySQL version needs major.minor (such as %q)", version, defaultVersion(e))
		}
		if _, err := strconv.Atoi(parts[1]); err != nil {
			return "", fielderr.New("EngineVersion", "%q is not a %s version: use one such as %q", version, e, defaultVersion(e))
		}
		if major < 8 {
			return "", fielderr.New("EngineVersion", "%q: MySQL %d is past standard support; use 8.0 or later (default %q)", version, major, defaultVersion(e))
		}
		if e == EngineAuroraMySQL && len(parts) > 2 && !strings.Contains(version, ".mysql_aurora.") {
			return "", fielderr.New("EngineVersion", "%q: Aurora MySQL versions look like %q (or %q for the current default minor version)", version, "8.0.mysql_aurora.3.08.2", defaultVersion(e))
		}
		return fmt.Sprintf("%s%d.%s", e, major, parts[1]), nil
	}
	return "", fielderr.New("Engine", "%q is not supported: use one of %s", e, engineList())
}

// IsMajorVersion reports whether version names only a major version ("16" PostgreSQL, "8.0"
// MySQL, which numbers majors as x.y), which AWS resolves to its current default minor version.
func IsMajorVersion(e Engine, version string) bool {
	switch e {
	case EnginePostgres, EngineAuroraPostgres:
		return !strings.Contains(version, ".")
	case EngineMySQL, EngineAuroraMySQL:
		return strings.Count(version, ".") == 1
	}
	return false
}

func defaultVersion(e Engine) string {
	s, _ := specFor(e)
	return s.DefaultVersion
}

func engineList() string {
	names := make([]string, len(Engines))
	for i, e := range Engines {
		names[i] = fmt.Sprintf("%q", e)
	}
	return strings.Join(names, ", ")
}
