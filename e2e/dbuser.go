package e2e

// CheckDatabaseIAMUser is the instance script's step that creates the database user the
// application signs in as with IAM tokens (DB_IAM_USER), as the README asks an operator to do
// once after the first deploy ("Database sign-in and versions"): the application variants run
// it before their deep probes, which fail on the database without it.
const CheckDatabaseIAMUser = "database-iam-user"

// iamUserFunction is create_iam_user, run as the master user (DB_SECRET_ARN) over TLS from an
// instance. It is idempotent, so a rerun or a kept stack is fine: the user is created only when
// missing, and the grants are those of app/README.md (rds_iam for IAM sign-in; USAGE and CREATE
// on the public schema, which PostgreSQL 15+ no longer grants to everyone, for the tables the
// application creates on first use). psql's \gexec runs each generated statement, with the name
// quoted by format('%I'); psql does not interpolate variables inside a DO block.
const iamUserFunction = `create_iam_user() {
  local iam_auth iam_user out
  iam_auth=$(setting DB_IAM_AUTH); iam_user=$(setting DB_IAM_USER)
  if [ "$iam_auth" != "true" ]; then report database-iam-user PASS "DB_IAM_AUTH is '$iam_auth': the application signs in with the master secret, no IAM user to create"; return; fi
  if [ -z "$iam_user" ]; then report database-iam-user FAIL "DB_IAM_AUTH is true but DB_IAM_USER is missing from /etc/tenk/app.env"; return; fi
  case "$db_engine" in *postgres*) ;; *) report database-iam-user FAIL "engine $db_engine: the reference application supports the PostgreSQL engines only"; return ;; esac
  if ! db_login; then report database-iam-user FAIL "$db_error"; return; fi
  if ! need_psql; then report database-iam-user FAIL "no psql: dnf install postgresql16 failed (can the instance reach the package repository through NAT?)"; return; fi
  if ! out=$(PGPASSWORD="$db_pass" PGCONNECT_TIMEOUT=15 psql "host=$db_host port=$db_port dbname=$db_name user=$db_user sslmode=require" -v ON_ERROR_STOP=1 -v u="$iam_user" -tA 2>&1 <<'SQL'
SELECT format('CREATE USER %I', :'u') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('GRANT rds_iam TO %I', :'u') \gexec
SELECT format('GRANT USAGE, CREATE ON SCHEMA public TO %I', :'u') \gexec
SQL
  ); then
    report database-iam-user FAIL "creating $iam_user as $db_user on $db_host:$db_port failed: $out"; return
  fi
  report database-iam-user PASS "$iam_user exists on $db_host:$db_port with rds_iam and USAGE, CREATE on schema public (created as $db_user over TLS)"
}
`
