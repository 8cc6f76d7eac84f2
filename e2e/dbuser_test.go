package e2e_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

const iamEnv = goodEnv + "DB_IAM_AUTH=true\nDB_IAM_USER=tenk_app\n"

func appScriptArgs() e2e.InstanceScriptArgs {
	a := scriptArgs()
	a.Checks = []string{e2e.CheckDatabaseIAMUser, e2e.CheckCache}
	return a
}

func TestInstanceScriptCreatesTheIAMUserAsTheMasterUserOverTLS(t *testing.T) {
	dir := t.TempDir()
	reports := runScriptIn(t, dir, appScriptArgs(), iamEnv)
	assert.Equal(t, []string{e2e.CheckCache, e2e.CheckDatabaseIAMUser}, sortedKeys(reports), "only the checks asked for run")
	r := reports[e2e.CheckDatabaseIAMUser]
	require.True(t, r.Passed, r.Detail)
	assert.Contains(t, r.Detail, "tenk_app exists on db.x.rds.amazonaws.com:5432 with rds_iam")
	assert.NotContains(t, r.Detail, "p$ss", "no secret in the report")

	sql, err := os.ReadFile(filepath.Join(dir, "sql"))
	require.NoError(t, err, "psql was given the script")
	assert.Equal(t, "u=tenk_app\n"+
		"SELECT format('CREATE USER %I', :'u') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'u') \\gexec\n"+
		"SELECT format('GRANT rds_iam TO %I', :'u') \\gexec\n"+
		"SELECT format('GRANT USAGE, CREATE ON SCHEMA public TO %I', :'u') \\gexec\n", string(sql))
}

func TestInstanceScriptCreatesNoIAMUserWithoutIAMAuth(t *testing.T) {
	dir := t.TempDir()
	env := strings.Replace(iamEnv, "DB_IAM_AUTH=true", "DB_IAM_AUTH=false", 1)
	r := runScriptIn(t, dir, appScriptArgs(), env)[e2e.CheckDatabaseIAMUser]
	assert.True(t, r.Passed, r.Detail)
	assert.Contains(t, r.Detail, "signs in with the master secret")
	_, err := os.Stat(filepath.Join(dir, "sql"))
	assert.True(t, os.IsNotExist(err), "no SQL ran")
}

func TestInstanceScriptIAMUserFailures(t *testing.T) {
	for _, tc := range []struct{ name, env, engine, want string }{
		{"no user", strings.Replace(iamEnv, "DB_IAM_USER=tenk_app\n", "", 1), "postgres", "DB_IAM_USER is missing"},
		{"secret denied", strings.Replace(iamEnv, "DB_SECRET_ARN=arn:db", "DB_SECRET_ARN=arn:other", 1), "postgres", "cannot read DB_SECRET_ARN: AccessDeniedException"},
		{"mysql", iamEnv, "mysql", "PostgreSQL engines only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := appScriptArgs()
			args.DatabaseEngine = tc.engine
			r := runScript(t, args, tc.env)[e2e.CheckDatabaseIAMUser]
			assert.False(t, r.Passed)
			assert.Contains(t, r.Detail, tc.want)
		})
	}
}

func TestInstanceScriptReportsAnUnknownCheck(t *testing.T) {
	args := scriptArgs()
	args.Checks = []string{"database-vibes"}
	r := runScript(t, args, goodEnv)["database-vibes"]
	assert.False(t, r.Passed)
	assert.Contains(t, r.Detail, "no check named database-vibes")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
