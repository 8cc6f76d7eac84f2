// Command imagebuild builds the reference application's multi-arch image without Docker and
// pushes it:
//
//	go run ./cmd/imagebuild --rds-ca global-bundle.pem --push 123456789012.dkr.ecr.eu-west-1.amazonaws.com/tenk-app:v1
//
// It cross-compiles a static binary per platform (CGO off), puts each on an empty base with the
// RDS CA bundle, pushes the OCI index to the tag and prints the digest reference the registry
// resolves the tag to (repository@sha256:…): deploy that, never the tag. Progress goes to
// stderr, the digest reference alone to stdout.
//
// With --local-registry it starts a registry of its own on 127.0.0.1 (go-containerregistry's
// in-process one), pushes REPOSITORY:TAG there, prints the digest reference (127.0.0.1:PORT/…)
// and serves the registry until its standard input closes: how a test outside this module (the
// root module's, which must not depend on app/) gets an image in a registry on localhost.
package main

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tenkstack/tenk/app/internal/imagebuild"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "imagebuild:", err)
		os.Exit(1)
	}
}

// bundlePath is where the image keeps the RDS CA bundle: database.RDSCABundlePath.
const bundlePath = "/etc/ssl/certs/rds-global-bundle.pem"

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("imagebuild", flag.ContinueOnError)
	fs.SetOutput(stderr)
	push := fs.String("push", "", "image reference to push to, with a tag (required)")
	platforms := fs.String("platforms", "linux/arm64,linux/amd64", "comma-separated os/arch list")
	rdsCA := fs.String("rds-ca", "", "RDS CA bundle (PEM) to put in the image (required): https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem")
	pkg := fs.String("package", "github.com/tenkstack/tenk/app/cmd/tenk-app", "Go package of the binary (run inside the app module)")
	local := fs.Bool("local-registry", false, "push REPOSITORY:TAG to a registry of its own on 127.0.0.1, print its digest reference, and serve it until stdin closes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *push == "" || *rdsCA == "" {
		fs.Usage()
		return errors.New("--push and --rds-ca are required")
	}
	var reg *localRegistry
	if *local {
		var err error
		if reg, err = startRegistry(*push); err != nil {
			return err
		}
		defer reg.close()
		*push = reg.ref
	}
	bundle, err := os.ReadFile(*rdsCA)
	if err != nil {
		return fmt.Errorf("--rds-ca: %w", err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(bundle) {
		return fmt.Errorf("--rds-ca %s holds no PEM certificate: download https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem", *rdsCA)
	}
	tmp, err := os.MkdirTemp("", "imagebuild-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var built []imagebuild.Platform
	for _, p := range strings.Split(*platforms, ",") {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(p), "/")
		if !ok {
			return fmt.Errorf("--platforms: %q is not os/arch (e.g. linux/arm64)", p)
		}
		fmt.Fprintf(stderr, "building %s/%s\n", goos, goarch)
		bin, err := compile(ctx, *pkg, goos, goarch, tmp, stderr)
		if err != nil {
			return err
		}
		built = append(built, imagebuild.Platform{OS: goos, Arch: goarch, Binary: bin})
	}
	idx, err := imagebuild.Build(built, []imagebuild.File{{Path: bundlePath, Data: bundle, Mode: 0o444}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "pushing %s\n", *push)
	ref, err := imagebuild.Push(ctx, *push, idx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, ref.String())
	if reg != nil {
		reg.serveUntilEOF(stdin, stderr)
	}
	return nil
}

// compile builds a static, reproducible binary: no cgo, no paths or build IDs baked in.
func compile(ctx context.Context, pkg, goos, goarch, dir string, stderr io.Writer) ([]byte, error) {
	out := filepath.Join(dir, "tenk-app-"+goos+"-"+goarch)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w -buildid=", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build %s for %s/%s: %w", pkg, goos, goarch, err)
	}
	return os.ReadFile(out)
}
