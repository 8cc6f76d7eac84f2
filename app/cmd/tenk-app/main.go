// Command tenk-app is tenk's reference application: a small web application that uses every
// tier the stacks build, configured only by /etc/tenk/app.env (README, "The reference
// application"). It runs in the container the stack starts, with the instance's role.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	// Mozilla's roots compiled in, used only where the system has none (a scratch image):
	// ElastiCache's and the AWS APIs' certificates chain to public roots.
	_ "golang.org/x/crypto/x509roots/fallback"

	"github.com/tenkstack/tenk/app/internal/config"
	"github.com/tenkstack/tenk/app/internal/database"
	"github.com/tenkstack/tenk/app/internal/server"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	if err := run(log); err != nil {
		log.Error("stopped", "error", err.Error())
		fmt.Fprintln(os.Stderr, "tenk-app:", err)
		os.Exit(1)
	}
}

func run(log *slog.Logger) error {
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	roots, err := database.LoadCABundle(database.RDSCABundlePath)
	if err != nil {
		return err
	}
	// SIGTERM is how systemd and the container runtime stop the application.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	// The default chain finds the instance role through IMDSv2 (the container needs the
	// instance's metadata service: host networking, or a hop limit of 2).
	aws, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(cfg.Region))
	if err != nil {
		return fmt.Errorf("AWS configuration: %w", err)
	}
	deps, closeAll, err := wire(ctx, cfg, aws, roots, log)
	if err != nil {
		return err
	}
	defer closeAll()
	ln, err := net.Listen("tcp", ":"+strconv.Itoa(cfg.Port))
	if err != nil {
		return fmt.Errorf("APP_PORT %d: %w", cfg.Port, err)
	}
	log.Info("listening", "port", cfg.Port, "instance", deps.Instance, "settingsVersion", cfg.SettingsVersion,
		"iamAuth", cfg.Database.IAMAuth, "readers", len(cfg.Database.ReaderHosts), "cache", deps.Cache.Kind())
	return server.New(deps).Run(ctx, ln, server.DefaultDrain)
}
