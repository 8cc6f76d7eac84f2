package database

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// schemaOnce creates the tables on first use rather than at start, so a database that is not
// up yet delays the page, not the process.
type schemaOnce struct {
	mu   sync.Mutex
	done bool
}

// schema is the application's whole schema. The advisory lock keeps instances that start
// together from racing on CREATE TABLE.
var schema = []string{
	"SELECT pg_advisory_xact_lock(7310)",
	`CREATE TABLE IF NOT EXISTS tenk_visits (name text PRIMARY KEY, n bigint NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS tenk_guestbook (
		id bigserial PRIMARY KEY,
		author text NOT NULL CHECK (length(author) BETWEEN 1 AND 60),
		message text NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
		created_at timestamptz NOT NULL DEFAULT now())`,
}

func (db *DB) ensureSchema(ctx context.Context) error {
	db.schema.mu.Lock()
	defer db.schema.mu.Unlock()
	if db.schema.done {
		return nil
	}
	err := pgx.BeginFunc(ctx, db.writer.pool, func(tx pgx.Tx) error {
		for _, q := range schema {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create the schema (the user needs CREATE on schema public: README, \"The reference application\"): %w", err)
	}
	db.schema.done = true
	return nil
}

// CountVisit adds one to the page's visit counter on the writer and returns the new count.
func (db *DB) CountVisit(ctx context.Context) (int64, error) {
	if err := db.ensureSchema(ctx); err != nil {
		return 0, err
	}
	var n int64
	err := db.writer.pool.QueryRow(ctx, `INSERT INTO tenk_visits (name, n) VALUES ('page', 1)
		ON CONFLICT (name) DO UPDATE SET n = tenk_visits.n + 1 RETURNING n`).Scan(&n)
	return n, err
}

// Entry is one guestbook message.
type Entry struct {
	Author, Message string
	At              time.Time
}

// Sign writes a guestbook entry on the writer.
func (db *DB) Sign(ctx context.Context, author, message string) error {
	if err := db.ensureSchema(ctx); err != nil {
		return err
	}
	_, err := db.writer.pool.Exec(ctx, `INSERT INTO tenk_guestbook (author, message) VALUES ($1, $2)`, author, message)
	return err
}

// Recent reads the latest n entries from a replica (they may lag the writer by a moment), or
// from the writer when there is no replica or the replica fails.
func (db *DB) Recent(ctx context.Context, n int) ([]Entry, error) {
	if err := db.ensureSchema(ctx); err != nil {
		return nil, err
	}
	r := db.reader()
	entries, err := recent(ctx, r, n)
	if err != nil && r != db.writer && ctx.Err() == nil {
		slog.WarnContext(ctx, "replica read failed, reading from the writer", "replica", r.host, "error", err)
		entries, err = recent(ctx, db.writer, n)
	}
	return entries, err
}

func recent(ctx context.Context, e *endpoint, n int) ([]Entry, error) {
	rows, err := e.pool.Query(ctx, `SELECT author, message, created_at FROM tenk_guestbook ORDER BY id DESC LIMIT $1`, n)
	if err != nil {
		return nil, err
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Entry, error) {
		var e Entry
		err := r.Scan(&e.Author, &e.Message, &e.At)
		return e, err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return entries, err
}
