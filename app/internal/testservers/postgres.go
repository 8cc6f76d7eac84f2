package testservers

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Postgres is a running PostgreSQL server that accepts only TLS connections with a password
// (hostssl + scram-sha-256), like RDS with rds.force_ssl.
type Postgres struct {
	// Host and Port are where it listens (127.0.0.1).
	Host string
	Port int
	// Database is a database owned by AppUser.
	Database string
	// AdminUser/AdminPassword is the superuser, standing in for the master credentials.
	AdminUser, AdminPassword string
	// AppUser/AppPassword is the application's user; its password stands in for an IAM token.
	AppUser, AppPassword string
	// CA signed the server's certificate (for 127.0.0.1, localhost and db.test).
	CA *CA
}

// StartPostgres starts a PostgreSQL server for the test (skipped without the binaries, failed
// under CI=true).
func StartPostgres(t testing.TB) *Postgres {
	t.Helper()
	globs := []string{"/usr/lib/postgresql/*/bin/initdb"}
	initdb := findBinary(t, "initdb", "postgresql", globs...)
	postgres := filepath.Join(filepath.Dir(initdb), "postgres")

	dir, err := os.MkdirTemp("", "tenk-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	cred := serverCredential(t) // initdb refuses to run as root
	pg := &Postgres{
		Host: "127.0.0.1", Port: freePort(t), Database: "app",
		AdminUser: "tenk_admin", AdminPassword: "admin-" + randomWord(t),
		AppUser: "tenk_app", AppPassword: "app-" + randomWord(t),
		CA: NewCA(t),
	}
	data := filepath.Join(dir, "data")
	pwfile := filepath.Join(dir, "pw")
	writeFile(t, pwfile, []byte(pg.AdminPassword+"\n"), 0o600)
	leaf := pg.CA.Issue(t, dir, "127.0.0.1", "localhost", "db.test")
	chownAll(t, dir, cred)

	run(t, asUser(exec.Command(initdb, "-D", data, "-U", pg.AdminUser, "--pwfile", pwfile,
		"--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"), cred))
	hba := "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\n"
	writeFile(t, filepath.Join(data, "pg_hba.conf"), []byte(hba), 0o600)
	// PostgreSQL refuses a key file others can read.
	if err := os.Chmod(leaf.KeyFile, 0o600); err != nil {
		t.Fatal(err)
	}
	chownAll(t, dir, cred)

	logFile := filepath.Join(dir, "postgres.log")
	cmd := asUser(exec.Command(postgres, "-D", data,
		"-c", "listen_addresses=127.0.0.1", "-c", "port="+strconv.Itoa(pg.Port),
		"-c", "unix_socket_directories="+dir, "-c", "ssl=on",
		"-c", "ssl_cert_file="+leaf.CertFile, "-c", "ssl_key_file="+leaf.KeyFile,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=200"), cred)
	startProcess(t, cmd, logFile)
	waitPort(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(pg.Port)), 30*time.Second, logFile)
	pg.setup(t)
	return pg
}

// setup creates the application's user and database, as the README tells an operator to.
func (pg *Postgres) setup(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var conn *pgx.Conn
	var err error
	for i := 0; i < 50; i++ { // the port opens a moment before the server accepts sign-ins
		if conn, err = pgx.ConnectConfig(ctx, pg.ConnConfig(t, pg.AdminUser, pg.AdminPassword, "postgres")); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("connect to the test PostgreSQL: %v", err)
	}
	defer conn.Close(ctx)
	// As on RDS: the master user owns the database; the application's user (IAM sign-in there,
	// a password here: rds_iam exists only on RDS) gets what README "The reference application"
	// tells the operator to grant.
	exec := func(conn *pgx.Conn, q string) {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(conn, fmt.Sprintf("CREATE USER %s PASSWORD '%s'", pg.AppUser, pg.AppPassword))
	exec(conn, "CREATE DATABASE "+pg.Database)
	db, err := pgx.ConnectConfig(ctx, pg.ConnConfig(t, pg.AdminUser, pg.AdminPassword, pg.Database))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	exec(db, "GRANT USAGE, CREATE ON SCHEMA public TO "+pg.AppUser)
}

// ConnConfig is a TLS-verified connection config for user on database.
func (pg *Postgres) ConnConfig(t testing.TB, user, password, database string) *pgx.ConnConfig {
	t.Helper()
	cc, err := pgx.ParseConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cc.Host, cc.Port, cc.User, cc.Password, cc.Database = pg.Host, uint16(pg.Port), user, password, database
	cc.TLSConfig = pg.CA.ClientTLS(pg.Host)
	cc.Fallbacks = nil
	return cc
}

// serverCredential is the user servers run as: the current one, or, as root (CI), the postgres
// system user Debian's package creates, else nobody.
func serverCredential(t testing.TB) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	t.Fatal("running as root and neither the postgres nor the nobody user exists to run the test servers as")
	return nil
}

func asUser(cmd *exec.Cmd, cred *syscall.Credential) *exec.Cmd {
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	return cmd
}

func chownAll(t testing.TB, dir string, cred *syscall.Credential) {
	t.Helper()
	if cred == nil {
		return
	}
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(cred.Uid), int(cred.Gid))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func run(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd.String(), err, out)
	}
}

// Addr is host:port.
func (pg *Postgres) Addr() string { return net.JoinHostPort(pg.Host, strconv.Itoa(pg.Port)) }
