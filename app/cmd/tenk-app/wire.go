package main

import (
	"context"
	"crypto/x509"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/tenkstack/tenk/app/internal/cache"
	"github.com/tenkstack/tenk/app/internal/config"
	"github.com/tenkstack/tenk/app/internal/database"
	"github.com/tenkstack/tenk/app/internal/secrets"
	"github.com/tenkstack/tenk/app/internal/server"
	"github.com/tenkstack/tenk/app/internal/sessions"
)

// wire builds the tiers' clients from the configuration. Nothing here connects: each tier is
// reached on first use, so the process starts (and passes its health check) while a data tier
// is still being created or failing over.
func wire(ctx context.Context, cfg config.Config, awsCfg aws.Config, rdsRoots *x509.CertPool, log *slog.Logger) (server.Deps, func(), error) {
	sm := secretsmanager.NewFromConfig(awsCfg)
	var creds database.Credentials = database.NewIAMTokens(cfg.Database.IAMUser, cfg.Region, awsCfg.Credentials)
	if !cfg.Database.IAMAuth {
		creds = database.MasterSecret{Secret: secrets.NewJSON(sm, cfg.Database.SecretARN)}
	}
	db, err := database.Open(database.Options{
		Host: cfg.Database.Host, Port: cfg.Database.Port, Database: cfg.Database.Name,
		ReaderHosts: cfg.Database.ReaderHosts, Credentials: creds, Roots: rdsRoots,
	})
	if err != nil {
		return server.Deps{}, nil, err
	}

	cache.LogTo(log)
	var kv cache.Cache
	if cfg.Cache.Memcached() {
		kv = cache.NewMemcached(cache.MemcachedOptions{Host: cfg.Cache.Host, Port: cfg.Cache.Port})
	} else {
		secret := secrets.NewJSON(sm, cfg.Cache.AuthSecretARN)
		kv = cache.NewRedis(cache.RedisOptions{
			Host: cfg.Cache.Host, ReaderHost: cfg.Cache.ReaderHost, Port: cfg.Cache.Port,
			Token: func(ctx context.Context) (string, error) { return secret.String(ctx, "token") },
		})
	}

	ddb := dynamodb.NewFromConfig(awsCfg)
	deps := server.Deps{
		DB:              db,
		Cache:           kv,
		Sessions:        &sessions.Store{API: ddb, Table: cfg.Sessions.Table, KeyAttr: cfg.Sessions.KeyAttr, TTLAttr: cfg.Sessions.TTLAttr},
		Signer:          &sessions.Signer{API: ddb, Table: cfg.Sessions.Table, KeyAttr: cfg.Sessions.KeyAttr},
		Log:             log,
		Instance:        instanceID(ctx, awsCfg),
		SettingsVersion: cfg.SettingsVersion,
		SiteURL:         cfg.SiteURL,
		HealthPath:      cfg.HealthPath,
		DBPort:          cfg.Database.Port,
		CacheTarget:     net.JoinHostPort(cfg.Cache.Host, strconv.Itoa(cfg.Cache.Port)),
		SessionTable:    cfg.Sessions.Table,
	}
	return deps, func() { db.Close(); _ = kv.Close() }, nil
}

// instanceID is the EC2 instance ID from the metadata service, or the host name off EC2, so
// the deep check and the page say which instance answered.
func instanceID(ctx context.Context, cfg aws.Config) string {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	out, err := imds.NewFromConfig(cfg).GetMetadata(ctx, &imds.GetMetadataInput{Path: "instance-id"})
	if err == nil {
		defer out.Content.Close()
		b := make([]byte, 64)
		n, _ := out.Content.Read(b)
		if id := strings.TrimSpace(string(b[:n])); id != "" {
			return id
		}
	}
	host, _ := os.Hostname()
	return host
}
