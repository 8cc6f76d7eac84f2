package e2e

import (
	"fmt"
	"strings"
)

// The checks the instance script reports, one line each.
const (
	CheckDatabase     = "database-tls"
	CheckCache        = "cache-tls-auth"
	CheckSessionTable = "session-table"
)

// reportPrefix starts every result line of the instance script.
const reportPrefix = "TENK_CHECK\t"

// InstanceScriptArgs is what the instance script needs beyond /etc/tenk/app.env.
type InstanceScriptArgs struct {
	Region         string
	DatabaseEngine string // "postgres", "mysql", "aurora-postgresql" or "aurora-mysql"
	CacheEngine    string // "valkey", "redis" or "memcached"
	PartitionKey   string // the session table's HASH key
	ItemID         string // the session item the script writes and deletes
	ExpiresAt      int64  // the item's TTL value, epoch seconds
	// AppEnvPath is the settings file. Default: /etc/tenk/app.env (what the boot script writes).
	AppEnvPath string
	// Checks are the checks to run, in order: CheckDatabaseIAMUser, CheckDatabase, CheckCache,
	// CheckSessionTable. Default: CheckDatabase, CheckCache and CheckSessionTable.
	Checks []string
}

// scriptChecks maps each check to its shell function in instanceScriptBody.
var scriptChecks = map[string]string{
	CheckDatabaseIAMUser: "create_iam_user",
	CheckDatabase:        "check_database",
	CheckCache:           "check_cache",
	CheckSessionTable:    "check_session_table",
}

// ShellQuote quotes s for bash as one word.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// InstanceScript is the bash script that runs on a web instance through SSM, with the
// instance's own role and its own /etc/tenk/app.env, as the application would: it connects to
// the database with TLS using the credentials in DB_SECRET_ARN, to the cache with TLS (and AUTH
// with the token in CACHE_AUTH_SECRET_ARN, after checking that a command without AUTH is
// refused), and puts, gets and deletes a session item with a TTL; or, first, creates the
// database user of IAM sign-in (CheckDatabaseIAMUser). Each check prints one line
// "TENK_CHECK<TAB>name<TAB>PASS|FAIL<TAB>detail"; no secret is ever printed. An unknown check
// name is an error of the caller: the script reports it as a failed check.
func InstanceScript(a InstanceScriptArgs) string {
	if a.AppEnvPath == "" {
		a.AppEnvPath = "/etc/tenk/app.env"
	}
	if a.Checks == nil {
		a.Checks = []string{CheckDatabase, CheckCache, CheckSessionTable}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `#!/bin/bash
# tenk e2e: checks run on a web instance with its role and its settings.
set -u
region=%s
db_engine=%s
cache_engine=%s
pk=%s
item_id=%s
expires_at=%d
app_env=%s
`, ShellQuote(a.Region), ShellQuote(a.DatabaseEngine), ShellQuote(a.CacheEngine), ShellQuote(a.PartitionKey), ShellQuote(a.ItemID), a.ExpiresAt, ShellQuote(a.AppEnvPath))
	b.WriteString(instanceScriptBody)
	b.WriteString(iamUserFunction)
	for _, name := range a.Checks {
		if fn, ok := scriptChecks[name]; ok {
			b.WriteString(fn + "\n")
		} else {
			fmt.Fprintf(&b, "report %s FAIL %s\n", ShellQuote(name), ShellQuote("the instance script has no check named "+name))
		}
	}
	return b.String()
}

// instanceScriptBody is the fixed part of the script. Clients come from the AL2023 repositories
// (postgresql16/15, mariadb105); openssl s_client speaks TLS to the cache, which needs no client.
const instanceScriptBody = `report() { printf 'TENK_CHECK\t%s\t%s\t%s\n' "$1" "$2" "$(printf '%s' "$3" | tr '\t\r\n' '   ' | cut -c1-400)"; }
setting() { sed -n "s/^$1=//p" "$app_env" | head -n 1; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
secret_string() { aws secretsmanager get-secret-value --region "$region" --secret-id "$1" --query SecretString --output text; }

# db_login reads the master credentials (DB_SECRET_ARN) and the endpoint into db_host, db_port,
# db_name, db_user and db_pass, or sets db_error and fails.
db_login() {
  local arn secret
  db_host=$(setting DB_HOST); db_port=$(setting DB_PORT); db_name=$(setting DB_NAME); arn=$(setting DB_SECRET_ARN)
  if [ -z "$db_host" ] || [ -z "$db_port" ] || [ -z "$arn" ]; then db_error="DB_HOST, DB_PORT or DB_SECRET_ARN is missing from /etc/tenk/app.env"; return 1; fi
  if ! secret=$(secret_string "$arn" 2>&1); then db_error="the instance role cannot read DB_SECRET_ARN: $secret"; return 1; fi
  if ! db_user=$(printf '%s' "$secret" | json_field username 2>/dev/null) || ! db_pass=$(printf '%s' "$secret" | json_field password 2>/dev/null); then
    db_error="the secret DB_SECRET_ARN has no username and password fields"; return 1
  fi
}

# need_psql installs the PostgreSQL client from the AL2023 repositories when it is missing.
need_psql() {
  command -v psql >/dev/null || dnf install -y -q postgresql16 >/dev/null 2>&1 || dnf install -y -q postgresql15 >/dev/null 2>&1
  command -v psql >/dev/null
}

check_database() {
  local host port name user pass out
  if ! db_login; then report database-tls FAIL "$db_error"; return; fi
  host=$db_host; port=$db_port; name=$db_name; user=$db_user; pass=$db_pass
  case "$db_engine" in
  *postgres*)
    if ! need_psql; then report database-tls FAIL "no psql: dnf install postgresql16 failed (can the instance reach the package repository through NAT?)"; return; fi
    if ! out=$(PGPASSWORD="$pass" PGCONNECT_TIMEOUT=15 psql "host=$host port=$port dbname=$name user=$user sslmode=require" -tAc 'select ssl from pg_stat_ssl where pid = pg_backend_pid()' 2>&1); then
      report database-tls FAIL "psql to $host:$port as $user with sslmode=require failed: $out"; return
    fi
    if [ "$out" = "t" ]; then report database-tls PASS "TLS session to $host:$port as $user (pg_stat_ssl.ssl = t)"; else report database-tls FAIL "connected to $host:$port but pg_stat_ssl.ssl is '$out'"; fi
    ;;
  *)
    command -v mysql >/dev/null || dnf install -y -q mariadb105 >/dev/null 2>&1
    if ! command -v mysql >/dev/null; then report database-tls FAIL "no mysql client: dnf install mariadb105 failed"; return; fi
    if ! out=$(MYSQL_PWD="$pass" mysql --connect-timeout=15 --ssl -h "$host" -P "$port" -u "$user" -N -B -e "SHOW SESSION STATUS LIKE 'Ssl_cipher'" "$name" 2>&1); then
      report database-tls FAIL "mysql to $host:$port as $user with --ssl failed: $out"; return
    fi
    cipher=$(printf '%s' "$out" | awk '{print $2}')
    if [ -n "$cipher" ]; then report database-tls PASS "TLS session to $host:$port as $user (cipher $cipher)"; else report database-tls FAIL "connected to $host:$port without TLS (Ssl_cipher empty)"; fi
    ;;
  esac
}

tls_exchange() { timeout 20 openssl s_client -connect "$1:$2" -servername "$1" -quiet -verify_return_error 2>&1; }

check_cache() {
  local host port arn secret token out
  host=$(setting CACHE_HOST); port=$(setting CACHE_PORT)
  if [ -z "$host" ] || [ -z "$port" ]; then report cache-tls-auth FAIL "CACHE_HOST or CACHE_PORT is missing from /etc/tenk/app.env"; return; fi
  if [ "$cache_engine" = memcached ]; then
    out=$(printf 'version\r\nquit\r\n' | tls_exchange "$host" "$port")
    if printf '%s' "$out" | grep -q '^VERSION '; then report cache-tls-auth PASS "TLS to Memcached $host:$port (no AUTH: Memcached has none)"; else report cache-tls-auth FAIL "no VERSION reply over TLS from $host:$port: $out"; fi
    return
  fi
  arn=$(setting CACHE_AUTH_SECRET_ARN)
  if [ -z "$arn" ]; then report cache-tls-auth FAIL "CACHE_AUTH_SECRET_ARN is missing from /etc/tenk/app.env"; return; fi
  if ! secret=$(secret_string "$arn" 2>&1); then report cache-tls-auth FAIL "the instance role cannot read CACHE_AUTH_SECRET_ARN: $secret"; return; fi
  if ! token=$(printf '%s' "$secret" | json_field token 2>/dev/null); then report cache-tls-auth FAIL "the secret CACHE_AUTH_SECRET_ARN has no token field"; return; fi
  out=$(printf 'PING\r\nQUIT\r\n' | tls_exchange "$host" "$port")
  if ! printf '%s' "$out" | grep -q 'NOAUTH'; then report cache-tls-auth FAIL "PING without AUTH over TLS to $host:$port was not refused with NOAUTH: $out"; return; fi
  out=$({ printf 'AUTH %s\r\n' "$token"; printf 'PING\r\nQUIT\r\n'; } | tls_exchange "$host" "$port")
  if printf '%s' "$out" | grep -q '^+OK' && printf '%s' "$out" | grep -q '^+PONG'; then
    report cache-tls-auth PASS "TLS to $host:$port; PING refused without AUTH, answered after AUTH"
  else
    report cache-tls-auth FAIL "AUTH then PING over TLS to $host:$port did not answer +OK and +PONG: $(printf '%s' "$out" | grep -v '^+OK' | head -n 3)"
  fi
}

check_session_table() {
  local table ttl key item got gone
  table=$(setting SESSION_TABLE); ttl=$(setting SESSION_TTL_ATTR)
  if [ -z "$table" ] || [ -z "$ttl" ]; then report session-table FAIL "SESSION_TABLE or SESSION_TTL_ATTR is missing from /etc/tenk/app.env"; return; fi
  if [ "$(setting SESSION_KEY_ATTR)" != "$pk" ]; then report session-table FAIL "SESSION_KEY_ATTR is '$(setting SESSION_KEY_ATTR)' but the table's partition key is $pk"; return; fi
  key=$(printf '{"%s":{"S":"%s"}}' "$pk" "$item_id")
  item=$(printf '{"%s":{"S":"%s"},"%s":{"N":"%s"}}' "$pk" "$item_id" "$ttl" "$expires_at")
  if ! out=$(aws dynamodb put-item --region "$region" --table-name "$table" --item "$item" 2>&1); then report session-table FAIL "put-item on $table with the instance role failed: $out"; return; fi
  if ! got=$(aws dynamodb get-item --region "$region" --table-name "$table" --key "$key" --consistent-read --query "Item.\"$ttl\".N" --output text 2>&1); then report session-table FAIL "get-item on $table failed: $got"; return; fi
  if [ "$got" != "$expires_at" ]; then report session-table FAIL "get-item returned $ttl = '$got', want $expires_at"; return; fi
  if ! out=$(aws dynamodb delete-item --region "$region" --table-name "$table" --key "$key" 2>&1); then report session-table FAIL "delete-item on $table failed: $out"; return; fi
  gone=$(aws dynamodb get-item --region "$region" --table-name "$table" --key "$key" --consistent-read --query Item --output text 2>&1)
  if [ "$gone" != "None" ]; then report session-table FAIL "the item is still there after delete-item: $gone"; return; fi
  report session-table PASS "put, get ($ttl = $expires_at) and delete on $table with the instance role"
}

`

// InstanceReport is one line the instance script printed.
type InstanceReport struct {
	Passed bool
	Detail string
}

// ParseInstanceReport reads the script's result lines by check name; other output (package
// installation, warnings) is ignored. A line that does not follow the format is an error.
func ParseInstanceReport(stdout string) (map[string]InstanceReport, error) {
	reports := map[string]InstanceReport{}
	for _, line := range strings.Split(stdout, "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, reportPrefix) {
			continue
		}
		parts := strings.SplitN(strings.TrimPrefix(line, reportPrefix), "\t", 3)
		if len(parts) != 3 || (parts[1] != "PASS" && parts[1] != "FAIL") {
			return nil, fmt.Errorf("malformed instance report line %q", line)
		}
		reports[parts[0]] = InstanceReport{Passed: parts[1] == "PASS", Detail: parts[2]}
	}
	return reports, nil
}
