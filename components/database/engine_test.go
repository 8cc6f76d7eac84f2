package database

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParameterFamily(t *testing.T) {
	cases := []struct {
		engine  Engine
		version string
		want    string
		err     string
	}{
		{EnginePostgres, "17", "postgres17", ""},
		{EnginePostgres, "16.4", "postgres16", ""},
		{EnginePostgres, "13.20", "postgres13", ""},
		{EngineMySQL, "8.4", "mysql8.4", ""},
		{EngineMySQL, "8.0.40", "mysql8.0", ""},
		{EngineAuroraPostgres, "16.6", "aurora-postgresql16", ""},
		{EngineAuroraMySQL, "8.0.mysql_aurora.3.08.2", "aurora-mysql8.0", ""},
		{EnginePostgres, "", "", "is not a postgres version"},
		{EnginePostgres, "latest", "", "is not a postgres version"},
		{EnginePostgres, "9.6.22", "", "PostgreSQL 9 is past standard support"},
		{EngineMySQL, "8", "", "needs major.minor"},
		{EngineMySQL, "5.7.44", "", "MySQL 5 is past standard support"},
		{EngineAuroraMySQL, "8.0.40", "", "Aurora MySQL versions look like"},
		{"oracle-ee", "19", "", `Engine "oracle-ee" is not supported`},
	}
	for _, tc := range cases {
		t.Run(string(tc.engine)+" "+tc.version, func(t *testing.T) {
			got, err := parameterFamily(tc.engine, tc.version)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestEngineTable(t *testing.T) {
	want := map[Engine]struct {
		aurora     bool
		port       int
		family     string
		tls, value string
		logs       []string
	}{
		EnginePostgres:       {false, 5432, "postgres17", "rds.force_ssl", "1", []string{"postgresql", "upgrade"}},
		EngineMySQL:          {false, 3306, "mysql8.4", "require_secure_transport", "1", []string{"error", "slowquery"}},
		EngineAuroraPostgres: {true, 5432, "aurora-postgresql16", "rds.force_ssl", "1", []string{"postgresql"}},
		EngineAuroraMySQL:    {true, 3306, "aurora-mysql8.0", "require_secure_transport", "ON", []string{"error", "slowquery"}},
	}
	require.Len(t, Engines, len(want))
	for _, e := range Engines {
		spec, ok := specFor(e)
		require.True(t, ok, e)
		w := want[e]
		assert.Equal(t, w.aurora, spec.Aurora, e)
		assert.Equal(t, w.port, spec.Port, e)
		// The current AWS limit, not the 2016-era 5.
		assert.Equal(t, 15, spec.MaxReplicas, e)
		family, err := parameterFamily(e, spec.DefaultVersion)
		require.NoError(t, err, e)
		assert.Equal(t, w.family, family, "the default version's family")
		require.NotEmpty(t, spec.Parameters)
		assert.Equal(t, Parameter{w.tls, w.value}, spec.Parameters[0], "TLS is enforced first")
		assert.Equal(t, w.logs, spec.LogExports, e)
		assert.Regexp(t, instanceRE, spec.DefaultInstanceClass)
	}
	_, ok := specFor("sqlserver-ee")
	assert.False(t, ok)
}
